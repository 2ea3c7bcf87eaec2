export { JsonFileStore } from "./json-file-store.js";
