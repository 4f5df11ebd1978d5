import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CALLER, componentOf, CONVERSION, FABU, GC, LAYOUT, LOADING, MARKDOWN, NATIVE, NODE, OTHER, profileTable, readProfiles, summariseProfiles, type CpuProfile } from "../../scripts/bench/profile.js";
import { PROJECT_ROOT } from "../helpers/project.js";

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe("CPU time by component", () => {
  it("gives each function's time to the component its source belongs to", () => {
    const cases: [string, string, string | undefined][] = [
      ["tokenize", "file:///p/node_modules/micromark/lib/create-tokenizer.js", MARKDOWN],
      ["toHast", "file:///p/node_modules/mdast-util-to-hast/lib/index.js", MARKDOWN],
      ["remarkPlugin", "file:///p/lib/src/markdown/quotes.js", MARKDOWN],
      ["convert", "file:///p/node_modules/opencc-js/dist/esm/full.js", CONVERSION],
      ["fewestSegments", "file:///p/lib/src/convert/segmenter.js", CONVERSION],
      ["render", "file:///p/node_modules/nunjucks/src/environment.js", LAYOUT],
      ["write", "file:///p/node_modules/@11ty/eleventy/src/Template.js", LAYOUT],
      ["parse", "file:///p/node_modules/yaml/dist/parse.js", LOADING],
      ["parseArticle", "file:///p/lib/src/content/article.js", LOADING],
      ["keyOf", "file:///p/lib/src/build/page-store.js", FABU],
      ["set", "file:///p/lib/src/render/render-cache.js", FABU],
      ["renderArticle", "file:///p/lib/src/render/render-article.js", MARKDOWN],
      // A library's own src/ folder is not fabu's.
      ["debug", "file:///p/node_modules/debug/src/common.js", OTHER],
      ["digest", "node:internal/crypto/hash", NODE],
      ["writeFileUtf8", "", NATIVE],
      ["(garbage collector)", "", GC],
      ["(program)", "", OTHER],
      ["(idle)", "", undefined],
      ["(root)", "", undefined],
    ];
    for (const [name, url, component] of cases) expect([name, componentOf(name, url)]).toEqual([name, component]);
    // Code made by `new Function` (a compiled Nunjucks template) and regular expressions have no source.
    expect(componentOf("root", "", "612")).toBe(CALLER);
    expect(componentOf("RegExp: \\d", "", "0")).toBe(CALLER);
  });

  it("counts code with no source towards its caller, and a sample until the next one", () => {
    const frame = (functionName: string, url: string, scriptId = "1") => ({ functionName, url, scriptId });
    const profile: CpuProfile = {
      nodes: [
        { id: 1, callFrame: frame("(root)", "", "0"), children: [2, 4] },
        { id: 2, callFrame: frame("render", "file:///p/node_modules/nunjucks/src/environment.js"), children: [3] },
        { id: 3, callFrame: frame("root", "", "612") },
        { id: 4, callFrame: frame("writeFileUtf8", "", "0") },
      ],
      // 100 µs into the profile the template runs; 300 µs later a write; the profile ends at 1,000 µs.
      samples: [3, 4],
      timeDeltas: [100, 300],
      startTime: 0,
      endTime: 1000,
    };
    const summary = summariseProfiles([profile]);
    expect(summary.components).toEqual([
      { component: NATIVE, seconds: 600 / 1e6 },
      { component: LAYOUT, seconds: 300 / 1e6 },
    ]);
  });

  it("finds a Markdown parse in a real profile of every thread, idle time left out", () => {
    const dir = mkdtempSync(join(tmpdir(), "fabu-profile-"));
    dirs.push(dir);
    // Parses Markdown on the main thread for half a second while a worker sleeps (idle), then exits.
    const script = `
      import { unified } from "unified";
      import remarkParse from "remark-parse";
      import { Worker } from "node:worker_threads";
      const worker = new Worker("setTimeout(() => {}, 1500)", { eval: true });
      const text = "## 第一条\\n\\n为了规范**行政**执法，制定本办法。\\n\\n- 一\\n- 二\\n\\n> 引文\\n".repeat(50);
      const end = Date.now() + 500;
      while (Date.now() < end) unified().use(remarkParse).parse(text);
      await new Promise((resolve) => worker.on("exit", resolve));`;
    const run = spawnSync(process.execPath, ["--cpu-prof", `--cpu-prof-dir=${dir}`, "--input-type=module", "-e", script], { cwd: PROJECT_ROOT, encoding: "utf8" });
    expect(run.stderr).toBe("");
    const summary = summariseProfiles(readProfiles(dir));
    expect(summary.threads).toBe(2);
    expect(summary.components[0]!.component).toBe(MARKDOWN);
    expect(summary.components[0]!.seconds).toBeGreaterThan(0.5 * summary.cpuSeconds);
    // The worker slept 1.5 s: idle, so not counted; the whole run used about half a second of CPU.
    expect(summary.cpuSeconds).toBeGreaterThan(0.3);
    expect(summary.cpuSeconds).toBeLessThan(1.2);
    const rows = profileTable(summary).split("\n").slice(2);
    expect(rows).toHaveLength(summary.components.length);
    expect(rows[0]).toMatch(/^\| Markdown to HTML .* \| \d+\.\d \| \d+% \|$/);
  });
});
