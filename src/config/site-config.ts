import { z } from "zod";
import { DEFAULT_MAX_NESTING_DEPTH, MAX_SUPPORTED_NESTING_DEPTH } from "../markdown/index.js";
import type { Script } from "../site/scripts.js";

/** The site's settings, from `content/_site.yml`. Every field has a default so a new site needs none. */
export interface SiteConfig {
  readonly title: Readonly<Record<Script, string>>;
  readonly description: Readonly<Record<Script, string>>;
  /** Absolute site URL with a trailing slash, e.g. `https://example.gov.cn/`. */
  readonly url: string;
  /** Where the site lives below the host, `/` or e.g. `/press/`. */
  readonly pathPrefix: string;
  readonly timeZone: string;
  readonly defaultScript: Script;
  readonly source: string;
  readonly publisher: string;
  readonly traditional: "tw" | "hk" | "twp" | "t";
  readonly quotes: boolean;
  readonly limits: { readonly maxFileBytes: number; readonly maxNestingDepth: number; readonly maxAliasExpansions: number };
  /** Articles per listing page (sections, archives, tags). */
  readonly pageSize: number;
  readonly related: RelatedConfig;
  /** How many articles each feed carries, newest first. */
  readonly feedSize: number;
}

/** How 相关新闻 is computed after the editor's own picks (as Hugo's related content is configured). */
export interface RelatedConfig {
  readonly count: number;
  readonly weights: { readonly tags: number; readonly section: number; readonly date: number };
  /** Articles further apart in time than this score nothing for closeness. */
  readonly dateRangeDays: number;
}

/** `press`, `/press` and `/press/` all mean `/press/`; empty means `/`. */
export const normalisePathPrefix = (value: string) => `/${value.replace(/^\/+|\/+$/g, "")}/`.replace(/^\/\/$/, "/");

export const siteConfigSchema = z
  .object({
    title: z.string().min(1).default("法治新闻发布"),
    title_hant: z.string().min(1).optional(),
    description: z.string().default("权威发布法治政府建设、立法动态和司法新闻。"),
    description_hant: z.string().optional(),
    url: z.url({ protocol: /^https?$/, error: "must be an absolute http(s) URL such as https://example.gov.cn/" }).default("https://example.gov.cn/"),
    pathPrefix: z.string().regex(/^\/?[A-Za-z0-9._\-/]*$/, { error: "must be a path such as /press/" }).default("/"),
    timeZone: z.string().default("Asia/Shanghai"),
    defaultScript: z.enum(["zh-Hans", "zh-Hant"]).default("zh-Hans"),
    source: z.string().min(1).default("法治日报——法制网"),
    publisher: z.string().min(1).default("法治日报社"),
    traditional: z.enum(["tw", "hk", "twp", "t"], { error: "must be tw (Taiwan forms, the default), hk, t or twp (opt-in vocabulary localisation)" }).default("tw"),
    quotes: z.boolean().default(true),
    limits: z
      .object({
        maxFileBytes: z.number().int().positive().default(2 * 1024 * 1024),
        // The Markdown stage cannot go deeper than MAX_SUPPORTED_NESTING_DEPTH without overflowing the stack.
        maxNestingDepth: z.number().int().positive().max(MAX_SUPPORTED_NESTING_DEPTH).default(DEFAULT_MAX_NESTING_DEPTH),
        maxAliasExpansions: z.number().int().nonnegative().default(100),
      })
      .strict()
      .prefault({}),
    pageSize: z.number().int().min(1).max(1000).default(20),
    feedSize: z.number().int().min(1).max(1000).default(50),
    related: z
      .object({
        count: z.number().int().min(0).max(50).default(5),
        weights: z
          .object({ tags: z.number().min(0).default(1), section: z.number().min(0).default(0.5), date: z.number().min(0).default(0.5) })
          .strict()
          .prefault({}),
        dateRangeDays: z.number().positive().default(365),
      })
      .strict()
      .prefault({}),
  })
  .strict();

export type RawSiteConfig = z.output<typeof siteConfigSchema>;

/** Fills the per-script fields; a missing Traditional text is converted later by the build. */
export function normaliseSiteConfig(raw: RawSiteConfig, toHant: (text: string) => string): SiteConfig {
  return {
    title: { "zh-Hans": raw.title, "zh-Hant": raw.title_hant ?? toHant(raw.title) },
    description: { "zh-Hans": raw.description, "zh-Hant": raw.description_hant ?? toHant(raw.description) },
    url: raw.url.endsWith("/") ? raw.url : `${raw.url}/`,
    pathPrefix: normalisePathPrefix(raw.pathPrefix),
    timeZone: raw.timeZone,
    defaultScript: raw.defaultScript,
    source: raw.source,
    publisher: raw.publisher,
    traditional: raw.traditional,
    quotes: raw.quotes,
    limits: raw.limits,
    pageSize: raw.pageSize,
    feedSize: raw.feedSize,
    related: raw.related,
  };
}
