import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { RenderedArticle } from "./render-article.js";
import type { RenderTask } from "./render-pool.js";
import type { RenderSettings } from "./render-settings.js";

/**
 * A persistent, content-addressed cache of rendered articles (`.cache/render/`), so an unchanged article is
 * never parsed or converted twice. The key covers everything the result depends on: the article as parsed,
 * its source script, the render settings (glossary and config included) and the code that renders it
 * (fabu's compiled modules and the versions of the libraries they use). CI can save and restore the folder.
 */
export interface RenderCache {
  keyOf(task: RenderTask): string;
  get(key: string): RenderedArticle | undefined;
  set(key: string, value: RenderedArticle): void;
  /** Removes entries this build did not use, so the cache holds one site's worth. */
  prune(): void;
}

const RENDERING_LIBRARIES = ["opencc-js", "unified", "remark-parse", "remark-gfm", "remark-rehype", "rehype-raw", "rehype-sanitize", "hast-util-to-html"];

export function openRenderCache(dir: string, settings: RenderSettings): RenderCache {
  mkdirSync(dir, { recursive: true });
  const fingerprint = createHash("sha256").update(codeFingerprint()).update(JSON.stringify(settings)).digest("hex");
  const used = new Set<string>();
  const pathOf = (key: string) => join(dir, `${key}.json`);
  return {
    keyOf: (task) => createHash("sha256").update(fingerprint).update(task.sourceScript).update(JSON.stringify(task.article)).digest("hex"),
    get(key) {
      used.add(key);
      try {
        return JSON.parse(readFileSync(pathOf(key), "utf8")) as RenderedArticle;
      } catch {
        return undefined;
      }
    },
    set(key, value) {
      used.add(key);
      // Write then rename, so a build killed mid-write never leaves a truncated entry behind.
      const temporary = `${pathOf(key)}.${process.pid}.tmp`;
      writeFileSync(temporary, JSON.stringify(value));
      renameSync(temporary, pathOf(key));
    },
    prune() {
      for (const name of readdirSync(dir)) {
        if (!used.has(name.replace(/\.json$/, ""))) rmSync(join(dir, name), { force: true });
      }
    },
  };
}

let cachedCodeFingerprint: string | undefined;

/** A hash of fabu's own compiled code and the rendering libraries' versions: new code, new cache keys. */
function codeFingerprint(): string {
  if (cachedCodeFingerprint) return cachedCodeFingerprint;
  const hash = createHash("sha256");
  const srcRoot = join(dirname(fileURLToPath(import.meta.url)), "..");
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.[jt]s$/.test(name)) hash.update(name).update(readFileSync(full));
    }
  };
  walk(srcRoot);
  const require = createRequire(import.meta.url);
  for (const name of RENDERING_LIBRARIES) {
    // Most of these packages do not export package.json, so look for it in the folders Node would search.
    const manifest = (require.resolve.paths(name) ?? []).map((dir) => join(dir, name, "package.json")).find((file) => existsSync(file));
    const version = manifest ? (JSON.parse(readFileSync(manifest, "utf8")) as { version: string }).version : "?";
    hash.update(`${name}@${version}`);
  }
  cachedCodeFingerprint = hash.digest("hex");
  return cachedCodeFingerprint;
}

export function renderCacheDir(projectRoot: string): string {
  return join(projectRoot, ".cache", "render");
}

export function hasRenderCache(projectRoot: string): boolean {
  return existsSync(renderCacheDir(projectRoot));
}
