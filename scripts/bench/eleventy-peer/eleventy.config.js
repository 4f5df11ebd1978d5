// Plain Eleventy 3 (markdown-it, Nunjucks) peer for `npm run bench`: the corpus's articles as Markdown
// with YAML front matter, one script only, laid out as article pages, per-section list pages and a home
// page. The corpus generator copies _includes/ and pages/ next to the articles; this file is passed with
// --config. Articles are content, never templates: Markdown is not preprocessed (markdownTemplateEngine).
// Pass --input as a path relative to the current folder: with an absolute --input, Eleventy 3.1.8 does not
// find the per-section directory data files (<section>/<section>.11tydata.mjs), so layouts, collections
// and permalinks would be missing.

const pad = (n) => String(n).padStart(2, "0");
/** The date's Beijing wall-clock fields (the corpus's dates carry +08:00). */
const beijing = (date) => new Date(date.getTime() + 8 * 3_600_000);

export default function (eleventyConfig) {
  // The corpus lives under .cache/, which the project's .gitignore lists.
  eleventyConfig.setUseGitIgnore(false);
  eleventyConfig.setQuietMode(true);

  eleventyConfig.addFilter("cst", (date) => {
    const d = beijing(date);
    return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  });
  eleventyConfig.addFilter("isoCst", (date) => {
    const d = beijing(date);
    return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:00+08:00`;
  });
  // Collections are sorted oldest first.
  eleventyConfig.addFilter("newestFirst", (items) => [...(items ?? [])].reverse());
  eleventyConfig.addFilter("newest", (items, n) => (items ?? []).slice(-n).reverse());

  // Related articles by id, through one id → item map per collection array.
  const maps = new WeakMap();
  eleventyConfig.addFilter("relatedItems", (ids, items) => {
    if (!ids || !items) return [];
    let byId = maps.get(items);
    if (!byId) {
      byId = new Map(items.map((item) => [String(item.data.aid), item]));
      maps.set(items, byId);
    }
    return ids.map((id) => byId.get(String(id))).filter(Boolean);
  });
}

export const config = {
  templateFormats: ["md", "njk"],
  markdownTemplateEngine: false,
  htmlTemplateEngine: "njk",
  dir: { includes: "_includes", data: "_data" },
};
