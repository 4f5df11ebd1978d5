import type { Element, Root, RootContent } from "hast";
import { toHtml } from "hast-util-to-html";
import { VFile } from "vfile";
import type { ArticleSource } from "../content/article.js";
import type { ContentProblem } from "../content/problems.js";
import type { Converter, GlossaryEntry } from "../convert/index.js";
import { SCRIPTS, type Script } from "../site/scripts.js";

/** The text of an article as one script shows it. */
export interface ArticleText {
  readonly title: string;
  readonly subtitle?: string;
  readonly kicker?: string;
  readonly source: string;
  readonly byline: readonly string[];
  readonly editor: string;
  readonly tags: readonly string[];
  readonly summary: string;
  readonly bodyHtml: string;
  /** The first image in the body, for feeds, Open Graph and JSON-LD. */
  readonly image?: { readonly src: string; readonly alt: string };
}

export interface RenderedArticle {
  readonly id: string;
  readonly sourceScript: Script;
  readonly text: Readonly<Record<Script, ArticleText>>;
  readonly problems: readonly ContentProblem[];
}

export interface RenderContext {
  readonly toHast: (markdown: string, file: VFile) => Root;
  readonly converterFor: (from: Script, to: Script) => Converter;
  readonly convertTree: (tree: Root, converter: Converter, options: { pageRules?: readonly GlossaryEntry[]; quotes: boolean }) => Root;
  readonly quotes: boolean;
  readonly defaultSource: string;
}

/**
 * Parses an article once and renders it in both scripts from that one tree: conversion works on the
 * document tree (text nodes and readable attributes), never on HTML strings.
 */
export function renderArticle(article: ArticleSource, sourceScript: Script, ctx: RenderContext): RenderedArticle {
  // Read once: a build's articles read their bodies from their files on each use (see parse-cache.ts).
  const body = article.body;
  const file = new VFile({ path: article.file, value: body });
  const tree = ctx.toHast(body, file);
  const problems = messagesToProblems(file, article.file, article.bodyStartLine);
  const pageRules = article.glossary;

  const text = {} as Record<Script, ArticleText>;
  for (const script of SCRIPTS) {
    const converter = ctx.converterFor(sourceScript, script);
    const convert = (value: string) => converter.convert(value, pageRules);
    const converted = ctx.convertTree(tree, converter, { pageRules, quotes: ctx.quotes });
    text[script] = {
      title: convert(article.title),
      subtitle: article.subtitle === undefined ? undefined : convert(article.subtitle),
      kicker: article.kicker === undefined ? undefined : convert(article.kicker),
      source: convert(article.source ?? ctx.defaultSource),
      byline: article.byline.map(convert),
      editor: convert(article.editor),
      tags: article.tags.map(convert),
      summary: article.summary === undefined ? leadParagraph(converted) : convert(article.summary),
      bodyHtml: toHtml(converted),
      image: firstImage(converted),
    };
  }
  return { id: article.id, sourceScript, text, problems };
}

/** Markdown-stage messages as content problems, with lines counted from the top of the file. */
export function messagesToProblems(file: VFile, displayPath: string, firstLine: number): ContentProblem[] {
  return file.messages.map((message) => ({
    file: displayPath,
    line: (message.line ?? 1) + firstLine - 1,
    column: message.column ?? 1,
    message: message.reason,
    rule: message.ruleId ?? "markdown",
    severity: message.fatal === true ? "error" : "warning",
  }));
}

function firstImage(node: Root | RootContent): { src: string; alt: string } | undefined {
  if (node.type === "element" && node.tagName === "img" && typeof node.properties.src === "string") {
    return { src: node.properties.src, alt: typeof node.properties.alt === "string" ? node.properties.alt : "" };
  }
  if (node.type === "element" || node.type === "root") {
    for (const child of node.children) {
      const found = firstImage(child);
      if (found) return found;
    }
  }
  return undefined;
}

/** The plain text of the first paragraph, the default summary (a lead in a press release is its gist). */
export function leadParagraph(tree: Root): string {
  const paragraph = tree.children.find((node): node is Element => node.type === "element" && node.tagName === "p");
  return paragraph ? textOf(paragraph).trim().replace(/\s+/g, " ") : "";
}

function textOf(node: Root | RootContent): string {
  if (node.type === "text") return node.value;
  if (node.type === "element" || node.type === "root") return node.children.map(textOf).join("");
  return "";
}
