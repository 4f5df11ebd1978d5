import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { DOMParser, type Document, type Element } from "@xmldom/xmldom";
import type { FeedEntry, FeedInput, Script } from "../../src/feeds/types.js";

// ---------------------------------------------------------------------------------------------------------------
// XML parsing (namespace-aware, every warning treated as a failure)

export function parseXml(text: string): Document {
  const parser = new DOMParser({
    onError: (level, message) => {
      throw new Error(`XML ${level}: ${message}`);
    },
  });
  return parser.parseFromString(text, "application/xml");
}

/** Element children of `parent` with the given namespace and local name, in document order. */
export function children(parent: Element | Document, namespace: string | null, localName: string): Element[] {
  const out: Element[] = [];
  for (let node = parent.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === 1) {
      const element = node as Element;
      if (element.namespaceURI === namespace && element.localName === localName) out.push(element);
    }
  }
  return out;
}

export function child(parent: Element | Document, namespace: string | null, localName: string): Element {
  const found = children(parent, namespace, localName);
  if (found.length !== 1) throw new Error(`expected exactly one {${namespace}}${localName}, found ${found.length}`);
  return found[0]!;
}

export function textOf(parent: Element | Document, namespace: string | null, localName: string): string {
  return child(parent, namespace, localName).textContent ?? "";
}

export function root(document: Document): Element {
  const element = document.documentElement;
  if (!element) throw new Error("no document element");
  return element;
}

// ---------------------------------------------------------------------------------------------------------------
// xmllint (Debian libxml2-utils): schema validation, and well-formedness with a strict parser

export const SCHEMAS = {
  urlset: fileURLToPath(new URL("./schemas/urlset.xsd", import.meta.url)),
  siteindex: fileURLToPath(new URL("./schemas/siteindex.xsd", import.meta.url)),
} as const;

export const xmllintAvailable = spawnSync("xmllint", ["--version"], { encoding: "utf8" }).status === 0;

/** In CI the schema tests must run (and fail if xmllint is missing); elsewhere they may be skipped, saying why. */
export const xmllintRequired = process.env.CI === "true";

/** Whether the tests that need xmllint run: where it is installed, and always in CI. */
export const runXmllint = xmllintAvailable || xmllintRequired;

export const XMLLINT_MISSING =
  "tests/feeds: xmllint not found, so the XSD validation tests are skipped " +
  "(install Debian's libxml2-utils to run them; with CI=true they fail instead)";

export interface XmllintResult {
  readonly ok: boolean;
  readonly output: string;
}

/** `xmllint --noout --nonet [--schema XSD] -` on the given text. */
export function xmllint(text: string, schema?: string): XmllintResult {
  const args = ["--noout", "--nonet", ...(schema ? ["--schema", schema] : []), "-"];
  const result = spawnSync("xmllint", args, { input: text, encoding: "utf8" });
  if (result.error) throw result.error;
  return { ok: result.status === 0, output: `${result.stdout}${result.stderr}`.trim() };
}

// ---------------------------------------------------------------------------------------------------------------
// Sample input

export const NASTY_TITLE = "关于</script>与&的通知]]>续\u0007完";
export const NASTY_TITLE_CLEAN = "关于</script>与&的通知]]>续完";
export const CHINESE_TITLE = "国务院新闻办公室举行“法治政府建设”新闻发布会（第１期）——𠮷野家、《条例》全文";

export function sampleEntries(script: Script): FeedEntry[] {
  const base = script === "zh-Hans" ? "https://example.gov.cn/zh-hans/" : "https://example.gov.cn/zh-hant/";
  return [
    {
      id: "2020-11-13-fazhi",
      url: `${base}fazhi/2020-11-13-fazhi/`,
      title: CHINESE_TITLE,
      summary: "摘要：依法行政 <b>不是</b> HTML & 也不是 ]]> 结尾",
      contentHtml:
        '<p>正文<a href="../2020-11-12-other/">上一篇</a>，<a href="#fn-1">注1</a>，' +
        '<a href="https://www.gov.cn/">中国政府网</a>，<a href="mailto:press@example.gov.cn">来信</a>。</p>' +
        '<p><img src="/media/photo.jpg" srcset="/media/photo.jpg 1x, photo@2x.jpg 2x" alt="发布会现场"></p>' +
        "<pre><code>if (a ]]> b &amp;&amp; c &lt; d) {}</code></pre>",
      published: "2020-11-13T14:45:00+08:00",
      updated: "2020-11-14T09:00:00+08:00",
      authors: ["张三", "李四"],
      section: { name: "法治政府", url: `${base}fazhi/` },
      tags: ["依法行政", "新闻发布会"],
      image: { url: "https://example.gov.cn/media/photo.jpg", alt: "发布会现场" },
    },
    {
      id: "2020-11-12-other",
      url: `${base}fazhi/2020-11-12-other/`,
      title: NASTY_TITLE,
      summary: "第二篇",
      contentHtml: "<p>第二篇正文</p>",
      published: "2020-11-12T08:05:09+08:00",
      authors: [],
      section: { name: "法治政府", url: `${base}fazhi/` },
      tags: ["法治政府"],
    },
  ];
}

export function sampleFeedInput(script: Script = "zh-Hans"): FeedInput {
  const dir = script === "zh-Hans" ? "zh-hans" : "zh-hant";
  return {
    script,
    title: script === "zh-Hans" ? "法治新闻发布 — 法治政府" : "法治新聞發佈 — 法治政府",
    description: "法治政府建设新闻发布",
    siteUrl: `https://example.gov.cn/${dir}/`,
    selfUrl: `https://example.gov.cn/${dir}/feed.xml`,
    publisher: "司法部",
    updated: "2020-11-14T09:00:00+08:00",
    entries: sampleEntries(script),
  };
}
