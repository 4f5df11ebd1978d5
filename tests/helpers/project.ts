import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { CHANGES_FILE } from "../../src/deploy/output-files.js";

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const SHARED_DIR = resolve(PROJECT_ROOT, "..", "shared");
const CLI = join(PROJECT_ROOT, "bin", "fabu.js");

/** A throw-away project: the real templates, and either the sample content or content a test writes. */
export interface TempProject {
  readonly root: string;
  write(relativePath: string, text: string | Uint8Array): void;
  remove(relativePath: string): void;
  fabu(args: readonly string[], env?: NodeJS.ProcessEnv): { status: number | null; stdout: string; stderr: string };
  read(relativePath: string): string;
  dispose(): void;
}

export function createTempProject(options: { sampleContent: boolean }): TempProject {
  const root = mkdtempSync(join(tmpdir(), "fabu-test-"));
  cpSync(join(PROJECT_ROOT, "templates"), join(root, "templates"), { recursive: true });
  if (options.sampleContent) cpSync(join(PROJECT_ROOT, "content"), join(root, "content"), { recursive: true });
  else mkdirSync(join(root, "content"));
  return {
    root,
    write(relativePath, text) {
      const target = join(root, relativePath);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, text);
    },
    remove(relativePath) {
      rmSync(join(root, relativePath), { recursive: true, force: true });
    },
    fabu(args, env = {}) {
      const result = spawnSync(process.execPath, [CLI, ...args, "--root", root], {
        encoding: "utf8",
        env: { ...process.env, ...env },
        timeout: 300_000,
      });
      return { status: result.status, stdout: result.stdout, stderr: result.stderr };
    },
    read(relativePath) {
      return readFileSync(join(root, relativePath), "utf8");
    },
    dispose() {
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** A digest of every file's path and bytes below a folder: equal digests mean byte-identical trees. */
/**
 * A digest of every file below `dir` and its path. The changed-paths list the build writes is left out:
 * it describes the difference from the build before, so two equal sites built after different ones differ there.
 */
export function treeDigest(dir: string): string {
  const hash = createHash("sha256");
  for (const file of listTree(dir)) {
    if (basename(file) === CHANGES_FILE) continue;
    hash.update(relative(dir, file));
    hash.update("\0");
    hash.update(readFileSync(file));
    hash.update("\0");
  }
  return hash.digest("hex");
}

export function listTree(dir: string): string[] {
  const out: string[] = [];
  const walk = (current: string) => {
    for (const name of readdirSync(current).sort()) {
      const full = join(current, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.push(full);
    }
  };
  walk(dir);
  return out;
}

/** A minimal valid article; `fields` override or remove (undefined) front matter lines. */
export function articleText(fields: Record<string, string | undefined> = {}, body = "正文第一段。\n"): string {
  const defaults: Record<string, string> = {
    id: "1000001",
    title: "测试标题",
    date: "2021-03-04 09:30",
    byline: "本报记者 张三",
    editor: "李四",
  };
  const merged = { ...defaults, ...fields };
  const lines = Object.entries(merged)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([key, value]) => `${key}: ${value}`);
  return `---\n${lines.join("\n")}\n---\n\n${body}`;
}

export const SECTION_INDEX = "---\ntitle: 法治政府\nweight: 1\n---\n\n法治政府栏目介绍。\n";
