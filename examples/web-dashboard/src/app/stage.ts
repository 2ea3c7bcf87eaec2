import type { Panel } from "../ui/panel.js";

/**
 * The main area of the page: the views of the devices on screen (a local device, a gateway's devices),
 * each under a key, or the first screen when there is none. Whoever puts a view here owns it and
 * disposes it; the stage only places it.
 */
export class Stage {
  private readonly shown = new Map<string, Panel>();

  constructor(
    private readonly views: HTMLElement,
    private readonly welcome: HTMLElement,
  ) {
    this.update();
  }

  /** Puts a view on screen under `key`, replacing the one there under the same key; the first screen steps aside. */
  show(key: string, panel: Panel): void {
    const old = this.shown.get(key);
    if (old) old.element.replaceWith(panel.element);
    else this.views.append(panel.element);
    this.shown.set(key, panel);
    this.update();
  }

  /** Takes the view under `key` off the screen (it is not disposed); the first screen returns when none is left. */
  remove(key: string): void {
    this.shown.get(key)?.element.remove();
    this.shown.delete(key);
    this.update();
  }

  /** Whether a view is on screen under `key`. */
  has(key: string): boolean {
    return this.shown.has(key);
  }

  /** Whether nothing is on screen (the first screen shows). */
  get empty(): boolean {
    return this.shown.size === 0;
  }

  private update(): void {
    this.welcome.hidden = this.shown.size > 0;
    this.views.hidden = this.shown.size === 0;
    document.body.dataset.screen = this.shown.size > 0 ? "devices" : "welcome";
  }
}
