// Bench fixture (bench/gateway-fleet): an MQTT subscriber (mqtt.js) counting the messages it receives
// on argv[3] from the broker at argv[2]. IPC: "ready" once subscribed; on "mark" starts counting; on
// "report" sends the count and the seconds since the mark.
import { connect } from "mqtt";

const client = connect(process.argv[2]!, { reconnectPeriod: 500 });
let count = 0;
let markCount = 0;
let markTime = performance.now();
client.on("message", () => count++);
client.once("connect", () => {
  client.subscribe(process.argv[3]!, { qos: 0 }, () => process.send!("ready"));
});
process.on("message", (message) => {
  if (message === "mark") {
    markCount = count;
    markTime = performance.now();
  } else if (message === "report") {
    process.send!({ messages: count - markCount, seconds: (performance.now() - markTime) / 1000 });
  }
});
process.once("disconnect", () => void client.endAsync(true).then(() => process.exit(0)));
