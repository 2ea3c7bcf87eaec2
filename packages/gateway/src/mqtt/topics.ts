/** The topics of one gateway, under its base topic (`batt/<gateway id>` by default). */
export class GatewayTopics {
  constructor(
    /** The base topic, without a trailing `/`. */
    readonly base: string,
  ) {}

  /** `online`/`offline` of the gateway itself (retained; the last will). */
  get status(): string {
    return `${this.base}/status`;
  }

  /** `online`/`offline` of one device (retained). */
  availability(device: string): string {
    return `${this.base}/${device}/availability`;
  }

  /** The reading of one device: the JSON envelope. */
  state(device: string): string {
    return `${this.base}/${device}/state`;
  }

  /** The solar-surplus status of a charger (retained JSON). */
  surplus(device: string): string {
    return `${this.base}/${device}/surplus`;
  }

  /** Where a control of a device is commanded. */
  command(device: string, control: string): string {
    return `${this.base}/${device}/set/${control}`;
  }

  /** Every command topic (for the subscription). */
  get commandFilter(): string {
    return `${this.base}/+/set/+`;
  }

  /** The outcome of every command to a device. */
  result(device: string): string {
    return `${this.base}/${device}/result`;
  }

  /** The device and control of a command topic, or undefined when the topic is not one. */
  parseCommand(topic: string): { device: string; control: string } | undefined {
    if (!topic.startsWith(`${this.base}/`)) return undefined;
    const parts = topic.slice(this.base.length + 1).split("/");
    if (parts.length !== 3 || parts[1] !== "set" || !parts[0] || !parts[2]) return undefined;
    return { device: parts[0], control: parts[2] };
  }
}

/** Payload of an available gateway or device. */
export const ONLINE = "online";
/** Payload of an unavailable gateway or device. */
export const OFFLINE = "offline";
