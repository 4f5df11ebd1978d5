/**
 * XML 1.0 text helpers shared by the Atom, RSS and sitemap writers. Everything written into an XML file
 * goes through one of these, so no caller can forget to escape or to drop characters XML cannot carry.
 */

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

/**
 * Characters outside XML 1.0's `Char` production: C0 controls other than tab, line feed and carriage
 * return, unpaired surrogates, and U+FFFE/U+FFFF. With the `u` flag a lone surrogate is a code point of
 * its own, so it matches here while a proper pair (an astral character) does not.
 */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Drops every character that XML 1.0 does not allow (they cannot even be written as references). */
export function stripInvalidXmlChars(text: string): string {
  return text.replace(NOT_XML_CHAR, "");
}

/** Escapes character data (element content). `>` is escaped too, so `]]>` can never appear. */
export function escapeXmlText(text: string): string {
  return stripInvalidXmlChars(text).replace(/[&<>]/g, (c) => TEXT_ESCAPES[c]!);
}

/**
 * Escapes an attribute value for either quote style. Tab, line feed and carriage return are written
 * as character references, since a parser would otherwise normalise them to spaces.
 */
export function escapeXmlAttr(text: string): string {
  return stripInvalidXmlChars(text).replace(/[&<>"'\t\n\r]/g, (c) => ATTR_ESCAPES[c]!);
}

/**
 * Wraps text in a CDATA section. A `]]>` inside would end the section early, so it is split across
 * two sections (`]]` closes the first, `>` opens the second); a parser joins them back into one string.
 */
export function cdata(text: string): string {
  return `<![CDATA[${stripInvalidXmlChars(text).replaceAll("]]>", "]]]]><![CDATA[>")}]]>`;
}

/** Escapes text for HTML (for RSS `description`, which readers treat as HTML). */
export function escapeHtml(text: string): string {
  return stripInvalidXmlChars(text).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

const TEXT_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;" };

const HTML_ESCAPES: Record<string, string> = { ...TEXT_ESCAPES, '"': "&quot;", "'": "&#39;" };

const ATTR_ESCAPES: Record<string, string> = {
  ...TEXT_ESCAPES,
  '"': "&quot;",
  "'": "&apos;",
  "\t": "&#9;",
  "\n": "&#10;",
  "\r": "&#13;",
};

/** `<name attr="…">text</name>`, attributes in the order given; undefined attributes are left out. */
export function element(name: string, text: string, attributes: Readonly<Record<string, string | undefined>> = {}): string {
  return `<${name}${attrs(attributes)}>${escapeXmlText(text)}</${name}>`;
}

/**
 * `<name>url</name>` with the quotes escaped too: the sitemap protocol asks for `&`, `'`, `"`, `<` and `>`
 * in URLs to be entity-escaped, not just the characters XML itself requires.
 */
export function urlElement(name: string, url: string): string {
  return `<${name}>${escapeXmlAttr(url)}</${name}>`;
}

/** `<name attr="…"/>` */
export function emptyElement(name: string, attributes: Readonly<Record<string, string | undefined>>): string {
  return `<${name}${attrs(attributes)}/>`;
}

function attrs(attributes: Readonly<Record<string, string | undefined>>): string {
  let out = "";
  for (const [key, value] of Object.entries(attributes)) {
    if (value !== undefined) out += ` ${key}="${escapeXmlAttr(value)}"`;
  }
  return out;
}
