/**
 * Ends bare URLs at the first Chinese (CJK) character.
 *
 * GFM's autolink literals run until whitespace, and Chinese puts none after a
 * URL: `详见https://www.gov.cn/，其他文字。` links the whole rest of the
 * sentence. Bare `https://…` and `www.…` links are cut where CJK text or
 * full-width punctuation starts; the remainder becomes text again, with any
 * further bare URLs in it linked the same way. A URL that really contains
 * Chinese can still be written `<https://…/中国>` or `[text](https://…/中国)`;
 * those are left alone.
 */
import type { Link, Nodes, PhrasingContent, Root, Text } from "mdast";
import type { Point, Position } from "unist";
import { walkInDocumentOrder } from "./tree-walk.js";

const CJK_CHARACTER =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Bopomofo}\u3000-\u303f\ufe10-\ufe1f\ufe30-\ufe4f\uff00-\uffef\u2014\u2018\u2019\u201c\u201d\u2026]/u;
/** GFM drops these from the end of a literal; the cut can expose them again. */
const TRAILING_PUNCTUATION = /[.,:;!?"'*_~]+$/;
/** Bare URLs left in the text after a cut; a letter or digit right before one means it is not a URL start. */
const BARE_URL = /(?<![A-Za-z0-9])(?:https?:\/\/|www\.)[^\s<]+/g;

/** The part of `candidate` before CJK text, without trailing punctuation. */
function urlBeforeCjk(candidate: string): string {
  const boundary = candidate.search(CJK_CHARACTER);
  return (boundary < 0 ? candidate : candidate.slice(0, boundary)).replace(TRAILING_PUNCTUATION, "");
}

/** `point` moved `by` characters along its line (bare URLs never span lines). */
function advance(point: Point | undefined, by: number): Point | undefined {
  if (!point) return undefined;
  return { line: point.line, column: point.column + by, offset: point.offset === undefined ? undefined : point.offset + by };
}

function span(start: Point | undefined, end: Point | undefined): Position | undefined {
  return start && end ? { start, end } : undefined;
}

function textNode(value: string, start: Point | undefined): Text {
  const position = span(start, advance(start, value.length));
  return position ? { type: "text", value, position } : { type: "text", value };
}

function linkNode(url: string, text: string, start: Point | undefined): Link {
  const position = span(start, advance(start, text.length));
  const link: Link = { type: "link", url, title: null, children: [textNode(text, start)] };
  if (position) link.position = position;
  return link;
}

/** Text that follows a cut, with the bare URLs in it turned into links. */
function linkBareUrls(value: string, start: Point | undefined): PhrasingContent[] {
  const nodes: PhrasingContent[] = [];
  let consumed = 0;
  for (const match of value.matchAll(BARE_URL)) {
    const url = urlBeforeCjk(match[0]);
    const isWww = url.startsWith("www.");
    if (!/[^./]\.[^./]/.test(url)) continue; // no domain to speak of, e.g. `https://。`
    if (match.index > consumed) nodes.push(textNode(value.slice(consumed, match.index), advance(start, consumed)));
    nodes.push(linkNode(isWww ? `http://${url}` : url, url, advance(start, match.index)));
    consumed = match.index + url.length;
  }
  if (consumed < value.length) nodes.push(textNode(value.slice(consumed), advance(start, consumed)));
  return nodes;
}

/**
 * The link text of a GFM literal is exactly its source: `<https://…>` spans
 * two characters more, `[text](url)` has its own syntax around the text.
 */
function bareUrlText(link: Link): Text | undefined {
  const [only] = link.children;
  const start = link.position?.start.offset;
  const end = link.position?.end.offset;
  if (link.children.length !== 1 || only?.type !== "text" || start === undefined || end === undefined) return undefined;
  return end - start === only.value.length ? only : undefined;
}

/** Cuts a bare-URL link at CJK text; returns the nodes that replace it. */
function splitAtCjk(link: Link, text: Text): PhrasingContent[] | undefined {
  const urlPart = urlBeforeCjk(text.value);
  if (urlPart === "" || urlPart === text.value) return undefined;
  // GFM prefixes `www.` literals with `http://` and e-mail literals with `mailto:`.
  const addedScheme = link.url.endsWith(text.value) ? link.url.slice(0, link.url.length - text.value.length) : "";
  const start = link.position?.start;
  return [
    linkNode(addedScheme + urlPart, urlPart, start),
    ...linkBareUrls(text.value.slice(urlPart.length), advance(start, urlPart.length)),
  ];
}

export default function remarkCjkAutolinkBoundary() {
  return function cutBareUrls(tree: Root): undefined {
    walkInDocumentOrder<Nodes, undefined>(tree, undefined, (node) => {
      if (!("children" in node)) return undefined;
      // Links only occur among phrasing content, where text and links may go too.
      const children = node.children as Nodes[];
      for (let index = 0; index < children.length; index += 1) {
        const child = children[index];
        if (child?.type !== "link") continue;
        const text = bareUrlText(child);
        const replacement = text && splitAtCjk(child, text);
        if (!replacement) continue;
        children.splice(index, 1, ...replacement);
        index += replacement.length - 1;
      }
      return undefined;
    });
    return undefined;
  };
}
