import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

let ownCode: string | undefined;

/**
 * A hash of fabu's own compiled code and the given libraries' versions, for cache keys: new code, new keys.
 */
export function codeFingerprint(libraries: readonly string[]): string {
  const hash = createHash("sha256").update(ownCodeHash());
  const require = createRequire(import.meta.url);
  for (const name of libraries) {
    // Most packages do not export package.json, so look for it in the folders Node would search.
    const manifest = (require.resolve.paths(name) ?? []).map((dir) => join(dir, name, "package.json")).find((file) => existsSync(file));
    const version = manifest ? (JSON.parse(readFileSync(manifest, "utf8")) as { version: string }).version : "?";
    hash.update(`${name}@${version}`);
  }
  return hash.digest("hex");
}

function ownCodeHash(): string {
  if (ownCode) return ownCode;
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
  ownCode = hash.digest("hex");
  return ownCode;
}
