/**
 * Where a fabu build's CPU time goes, by component, from the CPU profiles `node --cpu-prof` writes for
 * every thread (the main thread and each worker): each sample's time is given to the function it was in,
 * and the function to a component by its source (its package, or its folder of fabu's code). Code without
 * a source of its own (templates Nunjucks compiled with `new Function`, regular expressions) counts
 * towards its caller's component.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** The parts of a `.cpuprofile` (Chrome DevTools format) read here. */
export interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  /** Microseconds from the sample before (from startTime for the first). */
  readonly timeDeltas: readonly number[];
  readonly endTime: number;
  readonly startTime: number;
}

interface ProfileNode {
  readonly id: number;
  /** scriptId "0": V8 or Node built-in code; any other with no url: code made by eval or `new Function`. */
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly scriptId?: string | number };
  readonly children?: readonly number[];
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
export const NATIVE = "native calls (file system, JSON, hashing)";
export const GC = "garbage collection";
export const NODE = "Node internals (module loading, fs, crypto, worker messages)";
export const FABU = "fabu's other code (page index, page store, render cache, feeds)";
export const OTHER = "other libraries and V8";

/** The first rule whose pattern matches a function's source URL names its component. */
const BY_SOURCE: readonly (readonly [RegExp, string])[] = [
  // Libraries first, by package: their own folders may be called src/ too.
  [/node_modules\/(micromark|mdast-|remark-|unified|hast|rehype-|vfile|unist-|property-information|parse5|html-|zwitch|space-separated|comma-separated|character-|stringify-entities|decode-named|devlop|trough|bail|ccount|longest-streak|web-namespaces|github-slugger)/, MARKDOWN],
  [/node_modules\/opencc-js\//, CONVERSION],
  [/node_modules\/(@11ty|nunjucks|liquidjs|posthtml|morphdom|@sindresorhus|chokidar|fast-glob|micromatch|picomatch|tinyglobby)/, LAYOUT],
  [/node_modules\/(yaml|gray-matter|js-yaml|zod)\//, LOADING],
  [/node_modules\//, OTHER],
  [/^node:/, NODE],
  // fabu's own code, by folder.
  [/\/src\/(markdown\/|render\/(render-article|render-settings|render-worker|rehype-))/, MARKDOWN],
  [/\/src\/convert\//, CONVERSION],
  [/\/src\/eleventy\/|\/templates\//, LAYOUT],
  [/\/src\/content\//, LOADING],
  [/\/src\//, FABU],
];

/**
 * The component a function's time counts towards; undefined for idle time, and CALLER for code with no
 * source of its own (see the top of this file).
 */
export function componentOf(functionName: string, url: string, scriptId: string | number = "0"): string | undefined {
  if (functionName === "(idle)" || functionName === "(root)") return undefined;
  if (functionName === "(garbage collector)") return GC;
  if (url === "") {
    if (functionName === "(program)") return OTHER;
    return String(scriptId) !== "0" || functionName.startsWith("RegExp:") ? CALLER : NATIVE;
  }
  return BY_SOURCE.find(([pattern]) => pattern.test(url))?.[1] ?? OTHER;
}

/** Stands for "the component of the calling function". */
export const CALLER = "(caller)";

export function summariseProfiles(profiles: readonly CpuProfile[]): ProfileSummary {
  const micros = new Map<string, number>();
  for (const profile of profiles) {
    const componentById = componentsOf(profile.nodes);
    // As DevTools counts: a sample lasts until the next one (the last until the profile's end).
    const { samples, timeDeltas } = profile;
    samples.forEach((id, i) => {
      const component = componentById.get(id);
      const lasted = i + 1 < samples.length ? (timeDeltas[i + 1] ?? 0) : Math.max(0, profile.endTime - (profile.startTime + timeDeltas.reduce((sum, d) => sum + d, 0)));
      if (component !== undefined) micros.set(component, (micros.get(component) ?? 0) + lasted);
    });
  }
  const components = [...micros].map(([component, us]) => ({ component, seconds: us / 1e6 })).sort((a, b) => b.seconds - a.seconds);
  return { components, threads: profiles.length, cpuSeconds: components.reduce((sum, c) => sum + c.seconds, 0) };
}

/** Each node's component, code with no source of its own taking its nearest caller's that has one. */
function componentsOf(nodes: readonly ProfileNode[]): Map<number, string | undefined> {
  const parentOf = new Map<number, number>();
  for (const node of nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const components = new Map<number, string | undefined>();
  const resolve = (id: number): string | undefined => {
    if (components.has(id)) return components.get(id);
    const { functionName, url, scriptId } = byId.get(id)!.callFrame;
    let component = componentOf(functionName, url, scriptId);
    if (component === CALLER) {
      const parent = parentOf.get(id);
      component = parent === undefined ? OTHER : (resolve(parent) ?? OTHER);
    }
    components.set(id, component);
    return component;
  };
  for (const node of nodes) resolve(node.id);
  return components;
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
