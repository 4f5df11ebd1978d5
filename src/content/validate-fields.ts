import type { z } from "zod";
import { didYouMean } from "./did-you-mean.js";
import type { ProblemCollector } from "./problems.js";
import type { DataPath, YamlData } from "./yaml-data.js";

export interface FieldContext {
  readonly file: string;
  readonly yaml: YamlData;
  /** Added to YAML line numbers to give file line numbers. */
  readonly lineOffset: number;
  readonly problems: ProblemCollector;
}

/** Where a front matter path stands in the file; the key if there is one, else the value, else line 1. */
export function locate(ctx: FieldContext, path: DataPath, prefer: "key" | "value" = "key"): { line: number; column: number } {
  const spot = ctx.yaml.spots.get(path);
  const at = spot ? (prefer === "key" ? spot.key ?? spot.value : spot.value) : undefined;
  return at ? { line: at.line + ctx.lineOffset, column: at.column } : { line: 1, column: 1 };
}

/** The scalar exactly as written in the file (so `08355537` keeps its zero). */
export function sourceText(ctx: FieldContext, path: DataPath): string | undefined {
  return ctx.yaml.spots.get(path)?.source;
}

export function reportUnknownKeys(ctx: FieldContext, data: Record<string, unknown>, known: readonly string[], what: string): void {
  for (const key of Object.keys(data)) {
    if (known.includes(key)) continue;
    const hint = didYouMean(key, known);
    const { line, column } = locate(ctx, [key]);
    const suggestion = hint ? `did you mean "${hint}"?` : `known fields: ${known.join(", ")}`;
    ctx.problems.error(ctx.file, line, column, "unknown-key", `unknown ${what} field "${key}"; ${suggestion}`);
  }
}

/** Validates with a schema and reports each issue at the line of the offending key, in editors' words. */
export function validateWithSchema<T extends z.ZodType>(ctx: FieldContext, schema: T, data: unknown): z.output<T> | undefined {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const path = issue.path.filter((p): p is string | number => typeof p !== "symbol");
    const field = path.map((p) => (typeof p === "number" ? `[${p + 1}]` : p)).join(".").replace(/\.\[/g, "[");
    const missing = issue.code === "invalid_type" && !ctx.yaml.spots.has(path);
    // A missing nested key (a rule without zh-Hant) is reported at the mapping that lacks it.
    let at = path;
    while (at.length > 0 && !ctx.yaml.spots.has(at)) at = at.slice(0, -1);
    const { line, column } = at.length === 0 ? { line: 1, column: 1 } : locate(ctx, at, at.length > 1 ? "value" : "key");
    const message = missing ? `the field "${field}" is required` : `"${field}" ${issue.message}`;
    ctx.problems.error(ctx.file, line, column, missing ? "missing-field" : "invalid-field", message);
  }
  return undefined;
}
