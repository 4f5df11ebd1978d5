import type { Element, Root } from "hast";
import { visit } from "unist-util-visit";

export interface PathPrefixOptions {
  /** The folder the site lives in, e.g. `/press/`; `/` changes nothing. */
  readonly pathPrefix: string;
}

const URL_ATTRIBUTES = ["href", "src"] as const;

/**
 * Editors write site-relative links (`/images/chart.svg`, `/zh-hans/…`) as if the site were at the host's
 * root; when it lives under a path prefix, those links get the prefix. Protocol-relative (`//host`) and
 * already-prefixed links are left alone.
 */
export default function rehypePathPrefix(options: PathPrefixOptions) {
  const prefix = options.pathPrefix.replace(/\/$/, "");
  return (tree: Root): void => {
    if (prefix === "") return;
    visit(tree, "element", (node: Element) => {
      for (const name of URL_ATTRIBUTES) {
        const value = node.properties[name];
        if (typeof value === "string" && value.startsWith("/") && !value.startsWith("//") && !value.startsWith(`${prefix}/`)) {
          node.properties[name] = `${prefix}${value}`;
        }
      }
    });
  };
}
