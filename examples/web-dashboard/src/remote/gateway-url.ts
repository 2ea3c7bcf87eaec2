/** The port of the gateway's embedded broker for MQTT over WebSocket (`broker.wsPort`). */
export const GATEWAY_WS_PORT = 9001;

/**
 * The gateway address to offer: the page's `?gateway=` parameter, else the page's own host on the
 * embedded broker's WebSocket port (a dashboard served next to the gateway finds it as it is).
 */
export function defaultGatewayUrl(location: Pick<Location, "search" | "hostname" | "protocol">): string {
  const given = new URLSearchParams(location.search).get("gateway");
  if (given) return given;
  const host = location.hostname && location.hostname !== "" ? location.hostname : "127.0.0.1";
  // A page served over https may only open wss:// (mixed content).
  const scheme = location.protocol === "https:" ? "wss" : "ws";
  return `${scheme}://${host.includes(":") ? `[${host}]` : host}:${GATEWAY_WS_PORT}`;
}

/**
 * A person's entry as a broker URL: `host:port` or `host` gets `ws://` (and the default port);
 * only `ws://` and `wss://` are accepted, since a browser reaches MQTT only over WebSocket.
 *
 * @returns the URL, or an explanation of what is wrong with the entry.
 */
export function parseGatewayUrl(text: string): { readonly url: string } | { readonly problem: string } {
  const entry = text.trim();
  if (entry === "") return { problem: "Enter the gateway's address, e.g. ws://raspberrypi.local:9001" };
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(entry) ? entry : `ws://${entry}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return { problem: `"${entry}" is not an address` };
  }
  if (url.protocol !== "ws:" && url.protocol !== "wss:") return { problem: `A browser reaches the gateway over WebSocket: use ws:// or wss://, not ${url.protocol}//` };
  const authority = withScheme.replace(/^[a-z][a-z0-9+.-]*:\/\//i, "").split(/[/?#]/)[0] ?? "";
  // ws://host alone means the embedded broker's port; wss://host is left on 443 (a reverse proxy).
  if (url.protocol === "ws:" && !/:\d+$/.test(authority)) url.port = String(GATEWAY_WS_PORT);
  const href = url.href;
  return { url: url.pathname === "/" && url.search === "" && href.endsWith("/") ? href.slice(0, -1) : href };
}
