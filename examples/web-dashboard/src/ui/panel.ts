/** A part of a device's view that lives as long as the view: its element and its teardown. */
export interface Panel {
  /** What it puts on the page. */
  readonly element: HTMLElement;
  /** Releases subscriptions, timers and charts. */
  dispose?(): void;
}
