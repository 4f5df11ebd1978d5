import { resolve, relative, sep } from "node:path";
import { loadContent } from "../content/load-content.js";
import { createConverterSet, type ConversionDecision } from "../convert/index.js";
import { otherScript, type Script } from "../site/scripts.js";
import type { ProjectPaths } from "./paths.js";

export interface ConversionReportEntry {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly from: Script;
  readonly to: Script;
  readonly decision: ConversionDecision;
}

/**
 * `fabu check --conversions`: every one-to-many character decision the converter makes for each article
 * (发 → 發 rather than 髮), with its line and surrounding words, so an editor can review a new article
 * before it is published and fix a wrong choice with a glossary entry or `-{…}-` markup.
 */
export function conversionReport(paths: ProjectPaths, onlyFiles: readonly string[]): ConversionReportEntry[] {
  const content = loadContent(paths.root, paths.content);
  const converters = createConverterSet({ traditional: content.config.traditional, glossary: content.glossary, quotes: content.config.quotes });
  const wanted = new Set(onlyFiles.map((f) => relative(paths.root, resolve(f)).split(sep).join("/")));
  const entries: ConversionReportEntry[] = [];
  for (const article of content.articles) {
    if (wanted.size > 0 && !wanted.has(article.file)) continue;
    const from = article.lang ?? article.bodyScript ?? content.config.defaultScript;
    const to = otherScript(from);
    const converter = converters.get(from, to);
    const report = (text: string, line: number, firstColumn: number) => {
      for (const decision of converter.explain(text, article.glossary)) {
        entries.push({ file: article.file, line, column: firstColumn + decision.offset, from, to, decision });
      }
    };
    for (const [key, at] of Object.entries(article.headlineAt)) {
      const value = article[key as "kicker" | "title" | "subtitle"];
      if (value !== undefined && at) report(value, at.line, at.column);
    }
    article.body.split("\n").forEach((text, index) => report(text, article.bodyStartLine + index, 1));
  }
  return entries;
}

export function formatReportEntry(entry: ConversionReportEntry): string {
  const { decision } = entry;
  const others = decision.alternatives.filter((a) => a !== decision.chosen).join("、");
  return `${entry.file}:${entry.line}:${entry.column}: ${decision.source} → ${decision.chosen} (not ${others}) in “${decision.context.replace(/\s+/g, " ")}”`;
}
