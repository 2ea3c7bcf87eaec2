import { createMemoryLink, isBattError, type DeviceSession, type SimulatorHandle, type Transport } from "@batt/core";
import { deviceLabel, loadDevices, type DashboardDevice } from "./devices/index.js";
import { bluetoothOffered, bluetoothUnsupportedReason, browserLink, grantedLink, linkSupported, pickBluetooth, pickLink, unsupportedReason, type PickedLink } from "./link.js";
import { PolledDevice } from "./live/polled-device.js";
import { DeviceView } from "./ui/device-view.js";
import "./style.css";

/** Time between polls of a device, ms. */
const POLL_MS = 1000;
/** The demo polls faster, so that the simulator looks alive. */
const DEMO_POLL_MS = 500;

function byId<T extends HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`#${id} is missing from the page`);
  return element as T;
}

const deviceSelect = byId<HTMLSelectElement>("device");
const connectButton = byId<HTMLButtonElement>("connect");
const reconnectButton = byId<HTMLButtonElement>("reconnect");
const bluetoothButton = byId<HTMLButtonElement>("connect-ble");
const demoButton = byId<HTMLButtonElement>("demo");
const disconnectButton = byId<HTMLButtonElement>("disconnect");
const statusLine = byId<HTMLSpanElement>("status");
const notice = byId<HTMLParagraphElement>("notice");
const channelsRoot = byId<HTMLElement>("channels");
const linkInfo = byId<HTMLSpanElement>("link-info");

/** A simulator answering on the device end of an in-page link. */
interface Demo {
  readonly device: Transport;
  readonly simulator: SimulatorHandle;
}

interface Session {
  readonly transport: Transport;
  readonly device: DeviceSession;
  readonly live: PolledDevice;
  readonly view: DeviceView;
  readonly demo?: Demo;
  readonly offClose: () => void;
}

let devices: DashboardDevice[] = [];
let session: Session | undefined;
let granted: PickedLink | undefined;

function selectedDevice(): DashboardDevice {
  return devices.find((d) => d.id === deviceSelect.value) ?? devices[0]!;
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

function setBusy(busy: boolean): void {
  const supported = devices.length > 0 && linkSupported(browserLink(selectedDevice().plugin.link));
  connectButton.disabled = busy || !supported;
  bluetoothButton.disabled = busy || devices.length === 0 || !bluetoothOffered(selectedDevice().plugin.link);
  reconnectButton.disabled = busy || !supported;
  demoButton.disabled = busy || devices.length === 0;
  deviceSelect.disabled = busy;
  disconnectButton.disabled = !busy;
}

/** Offers the picker only where the browser has the API, and a reconnect button for a device granted before. */
async function refreshDeviceChoice(): Promise<void> {
  const defaults = selectedDevice().plugin.link;
  const link = browserLink(defaults);
  const reason = unsupportedReason(link);
  // A device with a Bluetooth module is offered over Bluetooth too; say why not where the browser cannot.
  bluetoothButton.hidden = defaults.ble === undefined;
  bluetoothButton.title = defaults.ble ? bluetoothUnsupportedReason() : "";
  showNotice(reason ? `${reason}. The demo works in any browser.` : "");
  connectButton.title = reason;
  setBusy(session !== undefined);
  granted = await grantedLink(link).catch(() => undefined);
  reconnectButton.hidden = granted === undefined;
  if (granted) reconnectButton.textContent = `Reconnect ${granted.label}`;
}

async function stop(state: "idle" | "lost" = "idle", text = "Not connected"): Promise<void> {
  const current = session;
  session = undefined;
  if (current) {
    current.offClose();
    current.live.stop();
    current.view.dispose();
    await current.device.close().catch(() => undefined);
    await current.transport.close().catch(() => undefined);
    await current.demo?.simulator.stop();
    await current.demo?.device.close();
  }
  setStatus(state, text);
  setBusy(false);
  await refreshDeviceChoice();
}

async function start(entry: DashboardDevice, link: PickedLink, demo?: Demo): Promise<void> {
  await stop();
  // A new session starts with empty panels and history.
  channelsRoot.replaceChildren();
  setBusy(true);
  const { plugin } = entry;
  setStatus("connecting", `Connecting to ${plugin.title} on ${link.label}…`);
  const { transport } = link;
  try {
    if (!transport.isOpen) await transport.open();
    const device = await plugin.connect(transport, entry.options);
    let errors = 0;
    let readings = 0;
    const live = new PolledDevice("local", plugin.title, device, demo ? DEMO_POLL_MS : POLL_MS);
    const view = new DeviceView(live);
    channelsRoot.replaceChildren(view.element);
    live.subscribe({
      reading(reading) {
        statusLine.dataset.readings = String(++readings);
        const name = reading.device.model ?? reading.device.name ?? plugin.title;
        setStatus("live", `${name} · ${link.label}${errors > 0 ? ` · ${errors} failed reads` : ""}`);
      },
      error(error) {
        errors++;
        setStatus("error", `${plugin.title}: ${message(error)}`);
      },
    });
    const offClose = transport.onClose((reason) => {
      if (reason) void stop("lost", `Connection lost: ${message(reason)}`);
    });
    session = { transport, device, live, view, offClose, ...(demo ? { demo } : {}) };
    linkInfo.textContent = `Link: ${transport.info.description ?? link.label}.`;
    live.start();
  } catch (error) {
    await transport.close().catch(() => undefined);
    await demo?.simulator.stop();
    setBusy(false);
    setStatus("error", `Could not connect: ${message(error)}`);
  }
}

/** Starts the device's own simulator on the far end of an in-page link. */
async function startDemo(entry: DashboardDevice): Promise<void> {
  const { plugin } = entry;
  if (!plugin.simulate) throw new Error(`${plugin.title} has no simulator`);
  const { host, device } = createMemoryLink({ info: { description: "demo: simulator in this page" } });
  await Promise.all([host.open(), device.open()]);
  const simulator = await plugin.simulate(device, entry.options);
  await start(entry, { transport: host, label: "demo: simulator in this page" }, { device, simulator });
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

deviceSelect.addEventListener("change", () => void refreshDeviceChoice());
connectButton.addEventListener(
  "click",
  action(async () => {
    const device = selectedDevice();
    await start(device, await pickLink(browserLink(device.plugin.link)));
  }),
);
bluetoothButton.addEventListener(
  "click",
  action(async () => {
    const device = selectedDevice();
    await start(device, await pickBluetooth(device.plugin.link));
  }),
);
reconnectButton.addEventListener(
  "click",
  action(async () => {
    if (granted) await start(selectedDevice(), granted);
  }),
);
demoButton.addEventListener("click", action(() => startDemo(selectedDevice())));
disconnectButton.addEventListener("click", action(() => stop()));

setBusy(false);
loadDevices().then(
  async (loaded) => {
    devices = loaded;
    for (const device of devices) deviceSelect.append(new Option(deviceLabel(device), device.id));
    await refreshDeviceChoice();
    document.body.dataset.ready = "true";
  },
  (error: unknown) => setStatus("error", `Could not load the device drivers: ${message(error)}`),
);
