import type { DevicePlugin } from "@batt/core";
import { plugin as evcharger } from "@batt/evcharger/cli";
import { plugin as icharger } from "@batt/icharger/cli";
import { plugin as jbd } from "@batt/jbd/cli";
import { plugin as jk } from "@batt/jk/cli";
import { plugin as voltaic } from "@batt/voltaic/cli";

/** Every device plugin of the workspace, as the CLI would discover them. */
export const ALL_PLUGINS: readonly DevicePlugin[] = [evcharger, icharger, jbd, jk, voltaic] as readonly DevicePlugin[];
