/**
 * Registers the service worker (`sw.js`, written by the build) that keeps the page working offline,
 * and offers a reload when a newer build has been installed beside the running one.
 *
 * Only for a built page served over http(s): the dev server has no `sw.js`, and a `file:` page cannot
 * have a service worker.
 */
export function registerServiceWorker(offerUpdate: (apply: () => void) => void): void {
  const container = navigator.serviceWorker;
  if (!container || !/^https?:$/.test(location.protocol)) return;
  // Reload when the person asked for the new build and it has taken over (not when the first install takes control).
  let asked = false;
  container.addEventListener("controllerchange", () => {
    if (asked) location.reload();
  });
  container.register("./sw.js").then(
    (registration) => {
      const offer = (worker: ServiceWorker): void =>
        offerUpdate(() => {
          asked = true;
          worker.postMessage({ type: "skip-waiting" });
        });
      // A new build waits until the pages of the old one close, unless the person asks for it now.
      if (registration.waiting && container.controller) offer(registration.waiting);
      registration.addEventListener("updatefound", () => {
        const worker = registration.installing;
        worker?.addEventListener("statechange", () => {
          if (worker.state === "installed" && container.controller) offer(worker);
        });
      });
    },
    // Without it the page still works online; nothing to tell the person.
    () => undefined,
  );
}
