import { createMemoryLink, isBattError, type DeviceSession, type SimulatorHandle, type Transport } from "@batt/core";
import { DEVICES, deviceLabel, type DashboardDevice } from "./devices/index.js";
import { missingApiMessage, missingBluetoothMessage } from "./app/browser-support.js";
import { linkNames } from "./app/link-names.js";
import { registerServiceWorker } from "./app/service-worker-registration.js";
import { Stage } from "./app/stage.js";
import { bluetoothOffered, browserLink, grantedLink, linkSupported, pickBluetooth, pickLink, type PickedLink } from "./link.js";
import { PolledDevice } from "./live/polled-device.js";
import { mountGatewayForm } from "./remote/gateway-form.js";
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
const linkInfo = byId<HTMLSpanElement>("link-info");
const welcomeConnect = byId<HTMLButtonElement>("welcome-connect");
const welcomeBluetooth = byId<HTMLButtonElement>("welcome-ble");
const welcomeDemo = byId<HTMLButtonElement>("welcome-demo");
const welcomeLink = byId<HTMLParagraphElement>("welcome-link");
/** The main area: the first screen, or the devices on screen (the local one under {@link LOCAL}). */
const stage = new Stage(byId("views"), byId("welcome"));
/** The stage key of the device connected in this page. */
const LOCAL = "local";

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

/** The device menu, from the packages' plugin descriptions: no plugin code is loaded until a device is used. */
const devices = DEVICES;
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
  const supported = devices.length > 0 && linkSupported(browserLink(selectedDevice().info.link));
  const bluetooth = devices.length > 0 && bluetoothOffered(selectedDevice().info.link);
  connectButton.disabled = welcomeConnect.disabled = busy || !supported;
  bluetoothButton.disabled = welcomeBluetooth.disabled = busy || !bluetooth;
  reconnectButton.disabled = busy || !supported;
  demoButton.disabled = welcomeDemo.disabled = busy || devices.length === 0;
  deviceSelect.disabled = busy;
  disconnectButton.disabled = !busy;
}

/** Offers the picker only where the browser has the API, and a reconnect button for a device granted before. */
async function refreshDeviceChoice(): Promise<void> {
  const { info } = selectedDevice();
  const defaults = info.link;
  const link = browserLink(defaults);
  const reason = missingApiMessage(link.kind);
  const names = linkNames(info.title, defaults);
  connectButton.textContent = welcomeConnect.textContent = names.connect;
  welcomeLink.textContent = names.how;
  // A device with a Bluetooth module is offered over Bluetooth too; say why not where the browser cannot.
  bluetoothButton.hidden = welcomeBluetooth.hidden = defaults.ble === undefined;
  bluetoothButton.title = welcomeBluetooth.title = defaults.ble ? missingBluetoothMessage() : "";
  showNotice(reason);
  connectButton.title = welcomeConnect.title = reason;
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
    stage.remove(LOCAL);
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
  setBusy(true);
  const { info } = entry;
  setStatus("connecting", `Connecting to ${info.title} on ${link.label}…`);
  const { transport } = link;
  try {
    // The plugin's code is fetched here, after the link is picked (the picker needs the click's user activation).
    const plugin = await entry.plugin();
    if (!transport.isOpen) await transport.open();
    const device = await plugin.connect(transport, entry.options);
    let errors = 0;
    let readings = 0;
    const live = new PolledDevice("local", info.title, device, demo ? DEMO_POLL_MS : POLL_MS);
    // A new session starts with empty panels and history.
    const view = new DeviceView(live);
    stage.show(LOCAL, view);
    live.subscribe({
      reading(reading) {
        statusLine.dataset.readings = String(++readings);
        const name = reading.device.model ?? reading.device.name ?? info.title;
        setStatus("live", `${name} · ${link.label}${errors > 0 ? ` · ${errors} failed reads` : ""}`);
      },
      error(error) {
        errors++;
        setStatus("error", `${info.title}: ${message(error)}`);
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
  const plugin = await entry.plugin();
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
const connect = action(async () => {
  const device = selectedDevice();
  await start(device, await pickLink(browserLink(device.info.link)));
});
const connectBluetooth = action(async () => {
  const device = selectedDevice();
  await start(device, await pickBluetooth(device.info.link));
});
const demo = action(() => startDemo(selectedDevice()));
// The first screen's buttons are the toolbar's, where a first-time visitor reads.
connectButton.addEventListener("click", connect);
welcomeConnect.addEventListener("click", connect);
bluetoothButton.addEventListener("click", connectBluetooth);
welcomeBluetooth.addEventListener("click", connectBluetooth);
demoButton.addEventListener("click", demo);
welcomeDemo.addEventListener("click", demo);
reconnectButton.addEventListener(
  "click",
  action(async () => {
    if (granted) await start(selectedDevice(), granted);
  }),
);
disconnectButton.addEventListener("click", action(() => stop()));

// Offline once loaded: the built page installs its service worker (tests' fake adapters are unaffected: it only serves files).
if (__SERVICE_WORKER__) {
  registerServiceWorker((apply) => {
    const update = byId<HTMLParagraphElement>("update");
    byId<HTMLButtonElement>("update-reload").onclick = apply;
    update.hidden = false;
  });
}

mountGatewayForm({ entry: byId("gateway-entry"), toolbar: byId("gateway-entry-toolbar"), stage });
setBusy(false);
for (const device of devices) deviceSelect.append(new Option(deviceLabel(device), device.id));
void refreshDeviceChoice().then(
  () => {
    document.body.dataset.ready = "true";
  },
  (error: unknown) => setStatus("error", message(error)),
);
