import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTempProject, PROJECT_ROOT, treeDigest, type TempProject } from "../helpers/project.js";

const CLI = join(PROJECT_ROOT, "bin", "fabu.js");
const SEED = "content/fazhi-zhengfu/8355537.md";

function startBuild(root: string): { done: Promise<number | null>; kill: () => void } {
  const child = spawn(process.execPath, [CLI, "build", "--root", root, "--now", "2026-01-01 00:00"], { stdio: "ignore" });
  return { done: new Promise((resolve) => child.on("exit", (code) => resolve(code))), kill: () => child.kill("SIGKILL") };
}

/** A small seeded generator, so a failing run can be repeated with the same kill moments. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

describe("faults during a build", () => {
  let project: TempProject;
  const dist = () => join(project.root, "dist");
  beforeAll(() => {
    project = createTempProject({ sampleContent: true });
    expect(project.fabu(["build", "--now", "2026-01-01 00:00"]).status).toBe(0);
  });
  afterAll(() => project.dispose());

  it("a UTF-8 BOM and CRLF line endings build byte-identical output to the clean file", () => {
    const clean = treeDigest(dist());
    const text = project.read(SEED);
    project.write(SEED, `\uFEFF${text.replace(/\n/g, "\r\n")}`);
    expect(project.fabu(["build", "--now", "2026-01-01 00:00"]).status).toBe(0);
    expect(treeDigest(dist())).toBe(clean);
    project.write(SEED, text);
  });

  it("a build killed with SIGKILL at any moment leaves a complete dist/, old or new, never a mix", async () => {
    const random = seededRandom(Number(process.env.FABU_KILL_SEED ?? 20201113));
    const original = project.read(SEED);
    let previous = treeDigest(dist());
    for (let round = 0; round < 5; round++) {
      // Each round changes the content, so old and new output differ and a half-swapped dist/ would show.
      project.write(SEED, original.replace("网络扶贫取得明显成效", `网络扶贫取得明显成效（第${round + 1}稿）`));
      const build = startBuild(project.root);
      const delay = 100 + Math.floor(random() * 2000);
      await new Promise((resolve) => setTimeout(resolve, delay));
      build.kill();
      await build.done;
      const afterKill = existsSync(dist()) ? treeDigest(dist()) : "missing";
      // A complete build of the same content is the only other state dist/ may be in.
      expect(project.fabu(["build", "--now", "2026-01-01 00:00"]).status).toBe(0);
      const completed = treeDigest(dist());
      expect([previous, completed], `killed after ${delay} ms`).toContain(afterKill);
      previous = completed;
    }
    project.write(SEED, original);
    // The next build recovers: stale lock and staging folders of the killed builds are cleaned up.
    expect(project.fabu(["build", "--now", "2026-01-01 00:00"]).status).toBe(0);
    expect(readdirSync(project.root).filter((name) => name.startsWith(".dist-staging-"))).toEqual([]);
    expect(existsSync(join(project.root, ".dist.lock"))).toBe(false);
    // Ten full builds: give it room on a busy machine.
  }, 600_000);

  it("two builds started at once both succeed and leave one consistent dist/", async () => {
    const first = startBuild(project.root);
    const second = startBuild(project.root);
    expect(await Promise.all([first.done, second.done])).toEqual([0, 0]);
    const both = treeDigest(dist());
    expect(project.fabu(["build", "--now", "2026-01-01 00:00", "--no-cache"]).status).toBe(0);
    expect(treeDigest(dist())).toBe(both);
    // The replaced outputs are deleted in the background; nothing else is left beside dist/.
    const leftovers = () => readdirSync(project.root).filter((name) => name.startsWith(".dist-"));
    expect(leftovers().every((name) => name.startsWith(".dist-trash-"))).toBe(true);
    for (let waited = 0; leftovers().length > 0 && waited < 120_000; waited += 200) await new Promise((done) => setTimeout(done, 200));
    expect(leftovers()).toEqual([]);
  }, 300_000);

  it("a build that cannot write its output folder fails with a clear error", () => {
    const readOnly = join(project.root, "read-only");
    mkdirSync(readOnly);
    const mounted = spawnSync("mount", ["-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", readOnly]).status === 0;
    try {
      // Root ignores permission bits, so a read-only mount (or, where mounting is not allowed, /sys) it is.
      const output = mounted ? join(readOnly, "dist") : "/sys/fabu-test-output/dist";
      const result = project.fabu(["build", "--output", output]);
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(/^fabu: cannot write the site: .* is not writable \((read-only file system|permission denied)\); build to another folder with --output DIR$/m);
    } finally {
      if (mounted) spawnSync("umount", [readOnly]);
    }
  });
});
