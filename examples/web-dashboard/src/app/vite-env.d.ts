/// <reference types="vite/client" />

/** Whether the build wrote the service worker (`sw.js`): true in a build, false on the dev server (vite.config.ts). */
declare const __SERVICE_WORKER__: boolean;
