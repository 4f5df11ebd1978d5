import { describe, expect, it } from "vitest";
import { measure } from "../../scripts/bench/measure.js";
import { STAGE_LINE } from "../../scripts/bench/stages.js";
import { PROJECT_ROOT } from "../helpers/project.js";

describe("measure", () => {
  it("keeps every matching stderr line whole, however the output was cut into chunks", async () => {
    // A line split across two writes, others between, and a last line with no newline.
    const script = `
      const wait = () => new Promise((resolve) => setTimeout(resolve, 150));
      process.stderr.write("fabu: load and validate 12 ms\\nfabu: rend");
      await wait();
      process.stderr.write("er 5 ms\\n" + "noise\\n".repeat(2000));
      await wait();
      process.stderr.write("fabu:   page keys 7 ms\\nfabu: swap 3 ms");`;
    const m = await measure(process.execPath, ["--input-type=module", "-e", script], { cwd: PROJECT_ROOT, timeoutSeconds: 60, keepLines: STAGE_LINE });
    expect(m.ok).toBe(true);
    expect(m.keptLines).toEqual(["fabu: load and validate 12 ms", "fabu: render 5 ms", "fabu:   page keys 7 ms", "fabu: swap 3 ms"]);
    // The tail alone has lost the first lines.
    expect(m.stderrTail).not.toContain("load and validate");
  });
});
