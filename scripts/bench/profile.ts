/**
 * Where a fabu build's CPU time goes, by component, from the CPU profiles `node --cpu-prof` writes for
 * every thread (the main thread and each worker): each sample's time is given to the function it was in,
 * and the function to a component by its source (its package, or its folder of fabu's code).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** The parts of a `.cpuprofile` (Chrome DevTools format) read here. */
export interface CpuProfile {
  readonly nodes: readonly { readonly id: number; readonly callFrame: { readonly functionName: string; readonly url: string } }[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

export interface ComponentTime {
  readonly component: string;
  readonly seconds: number;
}

export interface ProfileSummary {
  /** Components by CPU time, most first. */
  readonly components: readonly ComponentTime[];
  readonly threads: number;
  /** Sampled CPU time of all threads, idle time left out. */
  readonly cpuSeconds: number;
}

export const MARKDOWN = "Markdown to HTML (unified: micromark, mdast, hast; fabu's plugins)";
export const CONVERSION = "conversion to Traditional (opencc-js tables, fabu's converter)";
export const LAYOUT = "page layout (Eleventy, Nunjucks)";
export const LOADING = "loading and validating front matter (yaml, zod)";
export const NATIVE = "system calls and native code (file writes and reads, …)";
export const GC = "garbage collection";
export const NODE = "Node internals (module loading, fs, crypto, worker messages)";
export const FABU = "fabu's other code (page index, page store, feeds)";
export const OTHER = "other libraries and V8";

/** The first rule whose pattern matches a function's source URL names its component. */
const BY_SOURCE: readonly (readonly [RegExp, string])[] = [
  [/node_modules\/(micromark|mdast-|remark-|unified|hast|rehype-|vfile|unist-|property-information|parse5|html-|zwitch|space-separated|comma-separated|character-|stringify-entities|decode-named|devlop|trough|bail|ccount|longest-streak|web-namespaces|github-slugger)/, MARKDOWN],
  [/\/src\/(markdown|render)\//, MARKDOWN],
  [/node_modules\/opencc-js\/|\/src\/convert\//, CONVERSION],
  [/node_modules\/(@11ty|nunjucks|liquidjs|posthtml|morphdom|@sindresorhus|chokidar|fast-glob|micromatch|picomatch|tinyglobby)/, LAYOUT],
  [/\/src\/eleventy\/|\/templates\//, LAYOUT],
  [/node_modules\/(yaml|gray-matter|js-yaml|zod)\/|\/src\/content\//, LOADING],
  [/^node:/, NODE],
  [/\/src\//, FABU],
];

/** The component a function's time counts towards; undefined for idle time. */
export function componentOf(functionName: string, url: string): string | undefined {
  if (functionName === "(idle)" || functionName === "(root)") return undefined;
  if (functionName === "(garbage collector)") return GC;
  if (url === "") return functionName === "(program)" ? OTHER : NATIVE;
  return BY_SOURCE.find(([pattern]) => pattern.test(url))?.[1] ?? OTHER;
}

export function summariseProfiles(profiles: readonly CpuProfile[]): ProfileSummary {
  const micros = new Map<string, number>();
  for (const profile of profiles) {
    const componentById = new Map(profile.nodes.map((node) => [node.id, componentOf(node.callFrame.functionName, node.callFrame.url)]));
    profile.samples.forEach((id, i) => {
      const component = componentById.get(id);
      if (component !== undefined) micros.set(component, (micros.get(component) ?? 0) + (profile.timeDeltas[i] ?? 0));
    });
  }
  const components = [...micros].map(([component, us]) => ({ component, seconds: us / 1e6 })).sort((a, b) => b.seconds - a.seconds);
  return { components, threads: profiles.length, cpuSeconds: components.reduce((sum, c) => sum + c.seconds, 0) };
}

/** Every `.cpuprofile` in a folder (one per thread of a `node --cpu-prof` run). */
export function readProfiles(dir: string): CpuProfile[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith(".cpuprofile"))
    .sort()
    .map((name) => JSON.parse(readFileSync(join(dir, name), "utf8")) as CpuProfile);
}

export function profileTable(summary: ProfileSummary): string {
  const rows = ["| component | CPU (s) | share |", "|---|---:|---:|"];
  for (const { component, seconds } of summary.components) {
    rows.push(`| ${component} | ${seconds.toFixed(1)} | ${Math.round((100 * seconds) / summary.cpuSeconds)}% |`);
  }
  return rows.join("\n");
}
