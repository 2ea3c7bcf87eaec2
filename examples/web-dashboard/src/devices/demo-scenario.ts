/** One stretch of the demo: a current held for a while, with a little ripple. */
export interface DemoPhase {
  /** Pack time it lasts, s. */
  readonly seconds: number;
  /** Current, A (+ = charging). */
  readonly amps: number;
  /** What a person sees happening. */
  readonly label: string;
}

/** The demo's day in the life of a pack, repeated: a load, a heavy surge, a charge, a rest. */
export const DEMO_PHASES: readonly DemoPhase[] = [
  { seconds: 420, amps: -12, label: "load" },
  { seconds: 120, amps: -45, label: "surge" },
  { seconds: 480, amps: 20, label: "charging" },
  { seconds: 180, amps: 0, label: "rest" },
];

/** Pack time that passes per real second in the demo, so that state of charge visibly moves. */
export const DEMO_SPEEDUP = 60;

/** The phase at pack time `seconds` (the scenario repeats). */
export function demoPhase(seconds: number): DemoPhase {
  const period = DEMO_PHASES.reduce((sum, p) => sum + p.seconds, 0);
  let at = seconds % period;
  for (const phase of DEMO_PHASES) {
    if (at < phase.seconds) return phase;
    at -= phase.seconds;
  }
  return DEMO_PHASES[0]!;
}

/** Current at pack time `seconds`, A: the phase's current with a slow ripple, as a real load has. */
export function demoCurrent(seconds: number): number {
  const phase = demoPhase(seconds);
  if (phase.amps === 0) return 0;
  return Math.round((phase.amps + Math.abs(phase.amps) * 0.08 * Math.sin(seconds / 23)) * 100) / 100;
}
