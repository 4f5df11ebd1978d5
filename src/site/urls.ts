import type { ZonedInstant } from "../time/zoned-date.js";
import { wallClockAt } from "../time/zoned-date.js";
import { scriptSlug, type Script } from "./scripts.js";

/**
 * The site's permanent URL scheme. Article URLs depend only on the publication date (in the site's zone)
 * and the id, so retitling or moving an article between sections never breaks a link.
 *
 *   /zh-hans/                          home
 *   /zh-hans/<section>/                section index
 *   /zh-hans/2020/11/13/8355537.html   article
 */
export interface UrlScheme {
  home(script: Script): string;
  section(script: Script, key: string): string;
  article(script: Script, id: string, date: ZonedInstant): string;
  /** The absolute URL for a site path. */
  absolute(path: string): string;
  /** The path on the host, with the path prefix. */
  withPrefix(path: string): string;
}

const pad = (n: number) => String(n).padStart(2, "0");

export function createUrlScheme(siteUrl: string, pathPrefix: string, timeZone: string): UrlScheme {
  const prefix = pathPrefix.replace(/\/$/, "");
  const origin = new URL(siteUrl).origin;
  return {
    home: (script) => `/${scriptSlug(script)}/`,
    section: (script, key) => `/${scriptSlug(script)}/${key}/`,
    article: (script, id, date) => {
      const w = wallClockAt(date.epochMs, timeZone);
      return `/${scriptSlug(script)}/${w.year}/${pad(w.month)}/${pad(w.day)}/${id}.html`;
    },
    withPrefix: (path) => `${prefix}${path}`,
    absolute: (path) => `${origin}${prefix}${path}`,
  };
}

/** The file a URL is written to, relative to the output folder. */
export function outputPathOf(url: string): string {
  const path = url.endsWith("/") ? `${url}index.html` : url;
  return path.replace(/^\//, "");
}
