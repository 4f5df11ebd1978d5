import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { RenderedArticle } from "./render-article.js";
import type { RenderTask } from "./render-pool.js";
import type { RenderSettings } from "./render-settings.js";
import { SCRIPTS, type Script } from "../site/scripts.js";

/**
 * A persistent, content-addressed cache of rendered articles (`.cache/render/`), so an unchanged article is
 * never parsed or converted twice. The key covers everything the result depends on: the article as parsed,
 * its source script, the render settings (glossary and config included) and the code that renders it
 * (fabu's compiled modules and the versions of the libraries they use). CI can save and restore the folder.
 */
export interface RenderCache {
  keyOf(task: RenderTask): string;
  /** The entry without its bodies (they stay on disk until a page is laid out; see `body`). */
  get(key: string): RenderedArticle | undefined;
  /** Stores an entry; returns it without its bodies, which from now on are read with `body`. */
  set(key: string, value: RenderedArticle): RenderedArticle;
  /** One script's rendered body HTML of an entry. */
  body(key: string, script: Script): string;
  /** Removes entries this build did not use, so the cache holds one site's worth. */
  prune(): void;
  /** Deletes the whole cache (a throw-away cache for a build run with --no-cache). */
  discard(): void;
}

const RENDERING_LIBRARIES = ["opencc-js", "unified", "remark-parse", "remark-gfm", "remark-rehype", "rehype-raw", "rehype-sanitize", "hast-util-to-html"];

/**
 * Entries are a small JSON file of the article's texts plus one HTML file per script for the bodies, so
 * the build holds only the texts in memory (bodies are most of the bytes: at 100,000 articles in two
 * scripts, well over a gigabyte) and reads each body once, when its page is laid out.
 */
export function openRenderCache(dir: string, settings: RenderSettings): RenderCache {
  mkdirSync(dir, { recursive: true });
  const fingerprint = createHash("sha256").update(codeFingerprint()).update(JSON.stringify(settings)).digest("hex");
  const used = new Set<string>();
  const metaPath = (key: string) => join(dir, `${key}.json`);
  const bodyPath = (key: string, script: Script) => join(dir, `${key}.${script}.html`);
  // Write then rename, so a build killed mid-write never leaves a truncated entry behind.
  const writeAtomically = (path: string, data: string) => {
    const temporary = `${path}.${process.pid}.tmp`;
    writeFileSync(temporary, data);
    renameSync(temporary, path);
  };
  const withoutBodies = (value: RenderedArticle): RenderedArticle => ({
    ...value,
    text: Object.fromEntries(SCRIPTS.map((script) => [script, { ...value.text[script], bodyHtml: "" }])) as RenderedArticle["text"],
  });
  return {
    keyOf: (task) => createHash("sha256").update(fingerprint).update(task.sourceScript).update(JSON.stringify(task.article)).digest("hex"),
    get(key) {
      try {
        const entry = JSON.parse(readFileSync(metaPath(key), "utf8")) as RenderedArticle;
        if (!SCRIPTS.every((script) => existsSync(bodyPath(key, script)))) return undefined;
        used.add(key);
        return entry;
      } catch {
        return undefined;
      }
    },
    set(key, value) {
      used.add(key);
      for (const script of SCRIPTS) writeAtomically(bodyPath(key, script), value.text[script].bodyHtml);
      const stored = withoutBodies(value);
      // The metadata goes last: its presence means the bodies are complete.
      writeAtomically(metaPath(key), JSON.stringify(stored));
      return stored;
    },
    body: (key, script) => readFileSync(bodyPath(key, script), "utf8"),
    prune() {
      for (const name of readdirSync(dir)) {
        if (!used.has(name.slice(0, name.indexOf(".")))) rmSync(join(dir, name), { force: true });
      }
    },
    discard() {
      rmSync(dir, { recursive: true, force: true });
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

/** A private, throw-away cache folder for a build that must not use the shared one. */
export function temporaryRenderCacheDir(projectRoot: string): string {
  return join(projectRoot, ".cache", `render-once-${process.pid}-${Date.now()}`);
}
