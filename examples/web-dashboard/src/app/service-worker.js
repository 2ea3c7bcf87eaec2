// The dashboard's service worker (template: the build prepends `const VERSION` and `const PRECACHE`,
// the hashed files of that build, and writes it as sw.js). Cache first: once loaded, the page and its
// lazily loaded parts (device drivers, charts, settings) come from the cache, online or not.
/* global self, caches, Request, fetch, VERSION, PRECACHE -- a service worker's globals, and the two the build puts in front */

const PREFIX = "batt-dashboard-";
const CACHE = `${PREFIX}${VERSION}`;

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(PRECACHE.map((path) => new Request(path, { cache: "reload" })))));
});

self.addEventListener("activate", (event) => {
  // A new build has its own cache; the older builds' caches go.
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key.startsWith(PREFIX) && key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "skip-waiting") self.skipWaiting();
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  // A page load of any address in scope is the one page.
  const key = request.mode === "navigate" ? new URL("./index.html", self.registration.scope).href : request;
  event.respondWith(
    caches
      .open(CACHE)
      .then((cache) => cache.match(key, { ignoreSearch: true }))
      .then((hit) => hit ?? fetch(request)),
  );
});
