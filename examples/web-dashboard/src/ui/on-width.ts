/**
 * Calls `redraw` whenever `element` gets a new width (a turned phone, a tab shown, a window resized),
 * for drawings laid out in CSS pixels. The redraw waits for the next frame: drawing inside the
 * observer's callback could change the layout it reports on and loop.
 */
export function onWidth(element: Element, redraw: () => void): void {
  if (typeof ResizeObserver === "undefined") return;
  let width = -1;
  let queued = false;
  new ResizeObserver((entries) => {
    const next = Math.round(entries[entries.length - 1]?.contentRect.width ?? 0);
    if (next === width || next === 0) return;
    width = next;
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      redraw();
    });
  }).observe(element);
}
