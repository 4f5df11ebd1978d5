import { isUtf8 } from "node:buffer";
import { decodeValidUtf8 } from "../content/read-source.js";
import { LABELS } from "../site/labels.js";
import type { Script } from "../site/scripts.js";

/**
 * The bulk of a kept page index (see index-snapshot.ts): the objects pages share and the whole plans of
 * article and listing pages, one JSON array per line, in a file of their own (`<digest>.plans`). A rebuild
 * reads the file's bytes but decodes a line only when something uses it: most pages are linked from the
 * page store as they were, and need only the few fields every page is asked for (their path, body key,
 * and what the news sitemap lists them by); the pages laid out and those in the feeds (a few hundred) are
 * read whole. Decoding and parsing all of it was most of the two seconds the kept index cost a
 * 20,000-article rebuild.
 *
 * Such a page is an object with its light fields as its own and every other field a getter on its
 * prototype: reading fields and JSON give the whole plan, but a spread, a structured clone, Object.keys or
 * Object.hasOwn see the light fields only (and `in` is true of any field the list's pages have). Code that
 * copies pages must make them whole first (wholePage).
 */

/** The fields of an article or listing page kept apart from its plan, read with the index itself. */
export const LIGHT_FIELDS: ReadonlySet<string> = new Set(["kind", "script", "id", "outputPath", "canonical", "title", "dateIso", "bodyKey"]);

/** Whether a page's field is kept as a light one: a light field's plain value (not an object). */
export const isLightField = (name: string, value: unknown): boolean => LIGHT_FIELDS.has(name) && (value === null || typeof value !== "object");

export type SharedLine = ["shared", unknown] | ["labels", Script];
/** A page's own fields, and the shared objects it refers to by field (one, or an array of them). */
export type PlanLine = ["plan", Record<string, unknown>, Record<string, number | number[]>];

/**
 * Thrown when a kept plan that looked whole cannot be read (the file was changed after it was checked):
 * the kept index is removed first, so the next build makes it afresh.
 */
export class KeptIndexDamagedError extends Error {
  constructor(readonly file: string) {
    super(`the page index kept in ${file} was damaged and has been removed; build again`);
    this.name = "KeptIndexDamagedError";
  }
}

export interface PlansFile {
  /** The shared object numbered `id`, read on first use (the same object every time). */
  shared(id: number): unknown;
  /** A page with its light fields now and the rest of its plan (the `plan`-th in the file) when first used. */
  lazyPage(light: Record<string, unknown>, plan: number, fieldNames: readonly string[]): object;
  readonly sharedCount: number;
  readonly planCount: number;
}

const NEWLINE = 10;
/** The byte after `[` and `"` tells a line's kind: `["shared"`, `["labels"`, `["plan"`. */
const KIND_AT = 2;

/**
 * The plans file's lines, undefined unless it is `byteLength` bytes of UTF-8 lines of known kinds.
 * `removeIndex` deletes the kept index, should a line turn out to be unreadable when used.
 */
export function openPlansFile(bytes: Buffer, byteLength: number, file: string, removeIndex: () => void): PlansFile | undefined {
  if (bytes.length !== byteLength || (bytes.length > 0 && bytes[bytes.length - 1] !== NEWLINE) || !isUtf8(bytes)) return undefined;
  const sharedStarts: number[] = [];
  const planStarts: number[] = [];
  for (let start = 0; start < bytes.length; ) {
    const end = bytes.indexOf(NEWLINE, start);
    const kind = bytes[start + KIND_AT];
    if (kind === 0x73 /* s */ || kind === 0x6c /* l */) sharedStarts.push(start);
    else if (kind === 0x70 /* p */) planStarts.push(start);
    else return undefined;
    start = end + 1;
  }
  const damaged = () => {
    removeIndex();
    return new KeptIndexDamagedError(file);
  };
  const lineAt = <T>(start: number): T => {
    try {
      return JSON.parse(decodeValidUtf8(bytes.subarray(start, bytes.indexOf(NEWLINE, start)))) as T;
    } catch {
      throw damaged();
    }
  };
  const sharedObjects: unknown[] = [];
  const shared = (id: number): unknown => {
    if (id in sharedObjects) return sharedObjects[id];
    const start = sharedStarts[id];
    if (start === undefined) throw damaged();
    const line = lineAt<SharedLine>(start);
    return (sharedObjects[id] = line[0] === "labels" ? LABELS[line[1]] : line[1]);
  };
  const wholePlan = (page: LazyPage): Record<string, unknown> => {
    const start = planStarts[page[PLAN_NUMBER]];
    if (start === undefined) throw damaged();
    const [, fields, refs] = lineAt<PlanLine>(start);
    withSharedObjects(fields, refs, shared);
    // Its light fields are this build's (the body key).
    for (const name of Object.keys(page)) fields[name] = (page as unknown as Record<string, unknown>)[name];
    return fields;
  };
  const prototypes = new Map<string, object>();
  const prototypeFor = (fieldNames: readonly string[]): object => {
    const key = fieldNames.join("\0");
    let prototype = prototypes.get(key);
    if (!prototype) prototypes.set(key, (prototype = lazyPagePrototype(fieldNames, wholePlan)));
    return prototype;
  };
  return {
    shared,
    lazyPage: (light, plan, fieldNames) => Object.assign(Object.create(prototypeFor(fieldNames)) as object, light, { [PLAN_NUMBER]: plan }),
    sharedCount: sharedStarts.length,
    planCount: planStarts.length,
  };
}

/** Puts the shared objects a line refers to in place of their numbers. */
export function withSharedObjects(fields: Record<string, unknown>, refs: Record<string, number | number[]>, shared: (id: number) => unknown): void {
  for (const name in refs) {
    const ref = refs[name]!;
    fields[name] = typeof ref === "number" ? shared(ref) : ref.map(shared);
  }
}

const PLAN_NUMBER = Symbol("plan number");
const WHOLE = Symbol("whole plan");

interface LazyPage {
  readonly [PLAN_NUMBER]: number;
  [WHOLE]?: Record<string, unknown>;
}

/**
 * Reading any field but the page's own (light) ones reads the whole plan, once; so does JSON (how pages
 * travel to the layout workers). `fieldNames`: those kept in the plans (see isLightField).
 */
function lazyPagePrototype(fieldNames: readonly string[], wholePlan: (page: LazyPage) => Record<string, unknown>): object {
  const whole = (page: LazyPage) => (page[WHOLE] ??= wholePlan(page));
  const prototype: Record<string, unknown> = {};
  Object.defineProperty(prototype, "toJSON", { value: function (this: LazyPage) { return whole(this); } });
  for (const name of fieldNames) {
    Object.defineProperty(prototype, name, {
      get(this: LazyPage) {
        return whole(this)[name];
      },
      // A page whose field of this name is light has it as its own.
      set(this: LazyPage, value: unknown) {
        Object.defineProperty(this, name, { value, writable: true, enumerable: true, configurable: true });
      },
    });
  }
  Object.defineProperty(prototype, IS_LAZY, { value: true });
  return prototype;
}

const IS_LAZY = Symbol("lazy page");

/** The page as a plain object with every field (a kept index's pages read most of their fields lazily). */
export function wholePage<T extends object>(page: T): T {
  return IS_LAZY in page ? ((page as unknown as { toJSON(): T }).toJSON()) : page;
}
