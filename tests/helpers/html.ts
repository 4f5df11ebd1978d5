import { readFileSync } from "node:fs";
import type { Element, Root } from "hast";
import { fromHtml } from "hast-util-from-html";
import { select, selectAll } from "hast-util-select";
import { toString } from "hast-util-to-string";

export function parseHtmlFile(path: string): Root {
  return fromHtml(readFileSync(path, "utf8"));
}

export function text(tree: Root | Element, selector: string): string | undefined {
  const node = select(selector, tree);
  return node ? toString(node).trim() : undefined;
}

export function texts(tree: Root | Element, selector: string): string[] {
  return selectAll(selector, tree).map((node) => toString(node).trim());
}

export function attr(tree: Root | Element, selector: string, name: string): string | undefined {
  const node = select(selector, tree);
  const value = node?.properties[name];
  return value === undefined || value === null ? undefined : Array.isArray(value) ? value.join(" ") : String(value);
}

export { select, selectAll };
