import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createTempProject, PROJECT_ROOT } from "../helpers/project.js";

describe("a build never touches the network", () => {
  it("builds the sample site with every socket and DNS lookup refused and logged", () => {
    const project = createTempProject({ sampleContent: true });
    try {
      const networkLog = join(project.root, "network.log");
      const preload = join(PROJECT_ROOT, "tests", "helpers", "no-network.cjs");
      const result = project.fabu(["build"], { NODE_OPTIONS: `--require ${preload}`, FABU_NETWORK_LOG: networkLog });
      expect(result.stderr).toBe("");
      expect(result.status).toBe(0);
      expect(existsSync(networkLog) ? readFileSync(networkLog, "utf8") : "").toBe("");
      expect(existsSync(join(project.root, "dist", "zh-hant", "2020", "11", "13", "8355537.html"))).toBe(true);
    } finally {
      project.dispose();
    }
  });
});
