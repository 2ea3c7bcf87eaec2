import { plugin as jbd } from "@batt/jbd/cli";
import { describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";

// Issue 14 item 8: nothing to decode is a mistake on the command line, not a bad frame.
describe("batt decode with no bytes", () => {
  it.each([[[""]], [["  "]], [["0x"]], [[":", ""]]])("batt decode jbd %j is a usage error (exit 2)", async (args) => {
    const { code, stderr } = await runCli(["decode", "jbd", ...args], { plugins: [jbd] });
    expect(code).toBe(2);
    expect(stderr).toMatch(/^batt: usage: no bytes to decode/);
  });

  it("non-hex text is a usage error; a real frame decodes", async () => {
    expect((await runCli(["decode", "jbd", "zz"], { plugins: [jbd] })).code).toBe(2);
    const ok = await runCli(["decode", "jbd", "DD 04 00 08 0F 45 0F 3D 0F 37 0F 3D FE C6 77"], { plugins: [jbd] });
    expect(ok.stderr).toBe("");
    expect(ok.code).toBe(0);
  });
});
