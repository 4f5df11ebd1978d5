/**
 * The allowlist that article HTML is cleaned with.
 *
 * Starts from rehype-sanitize's GitHub-style `defaultSchema` (kept for its
 * table `ancestors` rule) but replaces every list with our own, so what the
 * desk may use is spelled out here rather than inherited.
 */
import { defaultSchema, type Options as SanitizeSchema } from "rehype-sanitize";

/**
 * Elements that are dropped together with their content. Everything else that
 * is not allowed is unwrapped (its text stays), which for these would leak
 * CSS, script source or fallback markup into the page as visible text.
 */
const DROPPED_WITH_CONTENT = [
  "script",
  "style",
  "template",
  "noscript",
  "iframe",
  "frame",
  "frameset",
  "object",
  "embed",
  "applet",
  "svg",
  "math",
  "textarea",
  "select",
  "title",
  "xmp",
  "noembed",
  "noframes",
  "plaintext",
  "head",
  "meta",
  "link",
  "base",
];

const ALLOWED_ELEMENTS = [
  // Text blocks and headings.
  "p",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "blockquote",
  "pre",
  "hr",
  "div",
  "figure",
  "figcaption",
  // Lists.
  "ul",
  "ol",
  "li",
  "dl",
  "dt",
  "dd",
  // Tables.
  "table",
  "caption",
  "thead",
  "tbody",
  "tfoot",
  "tr",
  "th",
  "td",
  // Inline formatting.
  "a",
  "img",
  "strong",
  "b",
  "em",
  "i",
  "del",
  "s",
  "ins",
  "code",
  "kbd",
  "samp",
  "var",
  "sup",
  "sub",
  "br",
  "abbr",
  "q",
  "span",
  "ruby",
  "rt",
  "rp",
  // GFM footnotes are wrapped in a section.
  "section",
];

/**
 * Ids would let article HTML clobber globals (`<img id="location">`) and
 * collide with heading ids, so raw HTML gets none. The only ids that survive
 * are the `user-content-` ones remark-rehype gives footnotes, and the fixed
 * id of the footnote label that their links point at.
 */
const FOOTNOTE_ID: [string, RegExp] = ["id", /^user-content-fn(?:ref)?-/];
const FOOTNOTE_LABEL_ID: [string, string] = ["id", "footnote-label"];

const ALLOWED_ATTRIBUTES: NonNullable<SanitizeSchema["attributes"]> = {
  // `align` is obsolete HTML but harmless, and how centred captions and
  // right-aligned signatures and dates arrive from the desk's editors.
  "*": ["title", "lang", "dir", "align"],
  a: [
    "href",
    FOOTNOTE_ID,
    // Footnote references and back-references.
    "dataFootnoteRef",
    "dataFootnoteBackref",
    ["className", "data-footnote-backref"],
    ["ariaDescribedBy", "footnote-label"],
    "ariaLabel",
  ],
  img: ["src", "alt", "width", "height"],
  blockquote: ["cite"],
  q: ["cite"],
  del: ["cite"],
  ins: ["cite"],
  // Task lists lose their checkbox (no `<input>` in articles) but keep the
  // classes, so a stylesheet can still lay them out.
  ul: [["className", "contains-task-list"]],
  ol: ["start", "reversed", ["className", "contains-task-list"]],
  li: [FOOTNOTE_ID, ["className", "task-list-item"]],
  // Fenced code keeps its language for a highlighter to pick up.
  code: [["className", /^language-./]],
  th: ["colSpan", "rowSpan", "scope"],
  td: ["colSpan", "rowSpan"],
  section: ["dataFootnotes", ["className", "footnotes"]],
  h2: [FOOTNOTE_LABEL_ID, ["className", "sr-only"]],
};

/**
 * Schemes are compared exactly (and case-sensitively) against the text before
 * the first colon, so any other spelling of `javascript:` — mixed case,
 * leading control characters, entity-encoded or embedded whitespace, which the
 * HTML parser has already decoded — is simply not on the list and is removed.
 * `data:` and `vbscript:` are likewise absent.
 */
const ALLOWED_URL_SCHEMES: NonNullable<SanitizeSchema["protocols"]> = {
  href: ["http", "https", "mailto", "tel"],
  src: ["http", "https"],
  cite: ["http", "https"],
};

function deepFreeze<Value>(value: Value): Value {
  if (value && typeof value === "object" && !(value instanceof RegExp) && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

export const sanitizeSchema: Readonly<SanitizeSchema> = deepFreeze({
  ...defaultSchema,
  ancestors: { ...defaultSchema.ancestors, caption: ["table"] },
  tagNames: ALLOWED_ELEMENTS,
  attributes: ALLOWED_ATTRIBUTES,
  protocols: ALLOWED_URL_SCHEMES,
  strip: DROPPED_WITH_CONTENT,
  required: {},
  // Only footnote ids survive (see FOOTNOTE_ID) and they carry their own
  // prefix; prefixing again would break the footnote links. Heading ids are
  // added after sanitizing and never pass through here.
  clobber: [],
  clobberPrefix: "",
  allowComments: false,
  allowDoctypes: false,
});
