import { existsSync, readFileSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize } from "node:path";

export interface HeaderRule {
  readonly pattern: string;
  readonly detach: readonly string[];
  readonly headers: readonly (readonly [string, string])[];
}

/**
 * Parses a `_headers` file strictly, as Cloudflare Pages and Netlify document it: a rule is an unindented URL
 * pattern line, then indented `Name: value` lines (or `! Name` to detach, Cloudflare only); `#` starts a comment.
 */
export function parseHeadersFile(text: string): HeaderRule[] {
  const rules: { pattern: string; detach: string[]; headers: [string, string][] }[] = [];
  text.split("\n").forEach((line, index) => {
    if (line.trim() === "" || line.trimStart().startsWith("#")) return;
    if (!/^\s/.test(line)) {
      if (!line.startsWith("/")) throw new Error(`line ${index + 1}: a rule must start with a path: ${line}`);
      rules.push({ pattern: line.trim(), detach: [], headers: [] });
      return;
    }
    const rule = rules.at(-1);
    if (!rule) throw new Error(`line ${index + 1}: a header before any path`);
    const detach = /^\s+!\s*([A-Za-z0-9-]+)\s*$/.exec(line);
    if (detach) {
      rule.detach.push(detach[1]!);
      return;
    }
    const header = /^\s+([A-Za-z0-9-]+):\s*(\S.*)$/.exec(line);
    if (!header) throw new Error(`line ${index + 1}: not a "Name: value" header: ${line}`);
    rule.headers.push([header[1]!, header[2]!]);
  });
  return rules;
}

function matches(pattern: string, path: string): boolean {
  const source = pattern
    .split(/(\*|:[A-Za-z0-9_]+)/)
    .map((part) => (part === "*" ? ".*" : part.startsWith(":") ? "[^/]+" : part.replace(/[.+?^${}()|[\]\\]/g, "\\$&")))
    .join("");
  return new RegExp(`^${source}$`).test(path);
}

/** The headers a URL path gets: Cloudflare joins repeated headers with ", " and honours `!`; Netlify lets the later rule win. */
export function resolveHeaders(rules: readonly HeaderRule[], path: string, host: "cloudflare" | "netlify"): Record<string, string> {
  const out = new Map<string, { name: string; value: string }>();
  for (const rule of rules) {
    if (!matches(rule.pattern, path)) continue;
    if (host === "cloudflare") for (const name of rule.detach) out.delete(name.toLowerCase());
    for (const [name, value] of rule.headers) {
      const key = name.toLowerCase();
      const existing = out.get(key);
      out.set(key, { name, value: host === "cloudflare" && existing ? `${existing.value}, ${value}` : value });
    }
  }
  return Object.fromEntries([...out.values()].map(({ name, value }) => [name, value]));
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".xml": "application/xml",
  ".svg": "image/svg+xml",
  ".txt": "text/plain; charset=utf-8",
  ".wasm": "application/wasm",
};

/** Serves a built site as Cloudflare Pages would: its `_headers` applied, `.br`/`.gz` files for clients that accept them. */
export async function serveWithHeaders(root: string): Promise<{ url: string; encodings: Map<string, string>; close: () => Promise<void> }> {
  const rules = parseHeadersFile(readFileSync(join(root, "_headers"), "utf8"));
  const encodings = new Map<string, string>();
  const server: Server = createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? "/", "http://localhost").pathname);
    let file = normalize(join(root, pathname));
    if (!file.startsWith(root)) return void res.writeHead(403).end();
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
    if (!existsSync(file)) return void res.writeHead(404, { "content-type": "text/plain" }).end("not found");
    const headers: Record<string, string> = { ...resolveHeaders(rules, pathname, "cloudflare"), "content-type": TYPES[extname(file)] ?? "application/octet-stream" };
    const accepted = String(req.headers["accept-encoding"] ?? "");
    let body = readFileSync(file);
    for (const [token, extension] of [["br", ".br"], ["gzip", ".gz"]] as const) {
      if (new RegExp(`\\b${token}\\b`).test(accepted) && existsSync(file + extension)) {
        body = readFileSync(file + extension);
        headers["content-encoding"] = token;
        headers["vary"] = "accept-encoding";
        encodings.set(pathname, token);
        break;
      }
    }
    res.writeHead(200, { ...headers, "content-length": String(body.length) }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    encodings,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
