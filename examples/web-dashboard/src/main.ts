import { isBattError, type Transport } from "@batt/core";
import { DEVICES, type DashboardDevice, type DemoLink, type DeviceDriver } from "./devices/index.js";
import { grantedLink, linkSupported, pickLink, unsupportedReason, type PickedLink } from "./link.js";
import type { Reading } from "./model.js";
import { Poller } from "./poller.js";
import { ChannelView } from "./ui/channel-view.js";
import "./style.css";

/** Demo polls faster than a real device, so that the fast-running scenario looks alive. */
const DEMO_POLL_MS = 500;

function byId<T extends HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`#${id} is missing from the page`);
  return element as T;
}

const deviceSelect = byId<HTMLSelectElement>("device");
const connectButton = byId<HTMLButtonElement>("connect");
const reconnectButton = byId<HTMLButtonElement>("reconnect");
const demoButton = byId<HTMLButtonElement>("demo");
const disconnectButton = byId<HTMLButtonElement>("disconnect");
const statusLine = byId<HTMLSpanElement>("status");
const notice = byId<HTMLParagraphElement>("notice");
const channelsRoot = byId<HTMLElement>("channels");
const linkInfo = byId<HTMLSpanElement>("link-info");

interface Session {
  readonly transport: Transport;
  readonly driver: DeviceDriver;
  readonly poller: Poller;
  readonly demo?: DemoLink;
  readonly offClose: () => void;
}

let session: Session | undefined;
let views: ChannelView[] = [];
let granted: PickedLink | undefined;

function selectedDevice(): DashboardDevice {
  return DEVICES.find((d) => d.id === deviceSelect.value) ?? DEVICES[0]!;
}

function setStatus(state: "idle" | "connecting" | "live" | "error" | "lost", text: string): void {
  statusLine.dataset.state = state;
  statusLine.textContent = text;
}

function showNotice(text: string): void {
  notice.textContent = text;
  notice.hidden = text === "";
}

function message(error: unknown): string {
  return isBattError(error) ? `${error.message} (${error.code})` : error instanceof Error ? error.message : String(error);
}

function render(reading: Reading): void {
  if (views.length !== reading.channels.length) {
    views = reading.channels.map((_, i) => new ChannelView(i));
    channelsRoot.replaceChildren(...views.map((v) => v.element));
  }
  const at = performance.now();
  reading.channels.forEach((channel, i) => views[i]!.update(channel, at));
}

function setBusy(busy: boolean): void {
  const supported = linkSupported(selectedDevice().link);
  connectButton.disabled = busy || !supported;
  reconnectButton.disabled = busy || !supported;
  demoButton.disabled = busy;
  deviceSelect.disabled = busy;
  disconnectButton.disabled = !busy;
}

/** Offers the picker only where the browser has the API, and a reconnect button for a device granted before. */
async function refreshDeviceChoice(): Promise<void> {
  const device = selectedDevice();
  const reason = unsupportedReason(device.link);
  showNotice(reason ? `${reason}. The demo works in any browser.` : "");
  connectButton.title = reason;
  setBusy(session !== undefined);
  granted = await grantedLink(device.link).catch(() => undefined);
  reconnectButton.hidden = granted === undefined;
  if (granted) reconnectButton.textContent = `Reconnect ${granted.label}`;
}

async function stop(state: "idle" | "lost" = "idle", text = "Not connected"): Promise<void> {
  const current = session;
  session = undefined;
  if (current) {
    current.offClose();
    current.poller.stop();
    current.driver.dispose();
    await current.transport.close().catch(() => undefined);
    await current.demo?.stop();
  }
  setStatus(state, text);
  setBusy(false);
  await refreshDeviceChoice();
}

async function start(device: DashboardDevice, link: PickedLink, demo?: DemoLink): Promise<void> {
  await stop();
  // A new session starts with empty panels and history.
  views = [];
  channelsRoot.replaceChildren();
  setBusy(true);
  setStatus("connecting", `Connecting to ${device.title} on ${link.label}…`);
  const { transport } = link;
  try {
    if (!transport.isOpen) await transport.open();
    const driver = await device.connect(transport);
    const name = driver.name ?? device.title;
    let errors = 0;
    const poller = new Poller(driver, demo ? DEMO_POLL_MS : device.pollMs, {
      reading(reading) {
        render(reading);
        setStatus("live", `${name} · ${link.label}${errors > 0 ? ` · ${errors} failed reads` : ""}`);
      },
      error(error) {
        errors++;
        setStatus("error", `${name}: ${message(error)}`);
      },
    });
    const offClose = transport.onClose((reason) => {
      if (reason) void stop("lost", `Connection lost: ${message(reason)}`);
    });
    session = { transport, driver, poller, offClose, ...(demo ? { demo } : {}) };
    linkInfo.textContent = `Link: ${transport.info.description ?? link.label}.`;
    poller.start();
  } catch (error) {
    await transport.close().catch(() => undefined);
    await demo?.stop();
    setBusy(false);
    setStatus("error", `Could not connect: ${message(error)}`);
  }
}

/** Runs a button's work, showing failures on the status line instead of losing them. */
function action(work: () => Promise<void>): () => void {
  return () => {
    work().catch((error: unknown) => {
      setBusy(session !== undefined);
      setStatus(isBattError(error, "not-found") ? "idle" : "error", message(error));
    });
  };
}

for (const device of DEVICES) deviceSelect.append(new Option(device.title, device.id));
deviceSelect.addEventListener("change", () => void refreshDeviceChoice());
connectButton.addEventListener(
  "click",
  action(async () => {
    const device = selectedDevice();
    await start(device, await pickLink(device.link));
  }),
);
reconnectButton.addEventListener(
  "click",
  action(async () => {
    if (granted) await start(selectedDevice(), granted);
  }),
);
demoButton.addEventListener(
  "click",
  action(async () => {
    const device = selectedDevice();
    const demo = await device.demo();
    await start(device, { transport: demo.transport, label: "demo: simulator in this page" }, demo);
  }),
);
disconnectButton.addEventListener("click", action(() => stop()));

void refreshDeviceChoice();
