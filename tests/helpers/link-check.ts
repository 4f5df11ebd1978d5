import { existsSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import type { Element, Root } from "hast";
import { fromHtml } from "hast-util-from-html";
import { visit } from "unist-util-visit";
import { listTree } from "./project.js";

export interface BrokenLink {
  readonly page: string;
  readonly link: string;
  readonly reason: string;
}

const LINK_ATTRIBUTES: Record<string, string[]> = { a: ["href"], link: ["href"], img: ["src"], script: ["src"], source: ["src"] };

/**
 * Checks every internal link and anchor in a built site: `href`/`src` that point into the site must name a
 * file that exists, and a `#fragment` must name an element id on the target page. External links are not
 * followed (the build and its tests never touch the network).
 */
export function checkLinks(distDir: string, siteOrigin: string, pathPrefix = "/"): BrokenLink[] {
  const ids = new Map<string, Set<string>>();
  const trees = new Map<string, Root>();
  const htmlFiles = listTree(distDir).filter((f) => f.endsWith(".html"));
  for (const file of htmlFiles) {
    const tree = fromHtml(readFileSync(file, "utf8"));
    trees.set(file, tree);
    const set = new Set<string>();
    visit(tree, "element", (node: Element) => {
      if (typeof node.properties.id === "string") set.add(node.properties.id);
    });
    ids.set(file, set);
  }
  const broken: BrokenLink[] = [];
  for (const [file, tree] of trees) {
    const pageUrl = new URL(`${pathPrefix}${relative(distDir, file).split("\\").join("/")}`, siteOrigin);
    visit(tree, "element", (node: Element) => {
      for (const attribute of LINK_ATTRIBUTES[node.tagName] ?? []) {
        const value = node.properties[attribute === "href" ? "href" : "src"];
        if (typeof value !== "string" || value === "") continue;
        const url = new URL(value, pageUrl);
        if (url.origin !== new URL(siteOrigin).origin) continue;
        const page = relative(distDir, file);
        if (!url.pathname.startsWith(pathPrefix)) {
          broken.push({ page, link: value, reason: `outside the site's path prefix ${pathPrefix}` });
          continue;
        }
        let target = join(distDir, decodeURIComponent(url.pathname.slice(pathPrefix.length)));
        if (existsSync(target) && statSync(target).isDirectory()) target = join(target, "index.html");
        if (!existsSync(target)) {
          broken.push({ page, link: value, reason: "no such file" });
          continue;
        }
        const fragment = decodeURIComponent(url.hash.slice(1));
        if (fragment && target.endsWith(".html") && !ids.get(target)?.has(fragment)) {
          broken.push({ page, link: value, reason: `no element with id "${fragment}"` });
        }
      }
    });
  }
  return broken;
}
