import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ARTICLE_FIELDS, SECTION_FIELDS } from "../../src/content/article-fields.js";
import { TYPOGRAPHY_RULES } from "../../src/editor/typography-lint.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const guide = readFileSync(join(ROOT, "docs", "editors-guide.md"), "utf8");

/** Every rule name the code reports problems under: `.error(…, "rule", …)`, `rule: "…"`, `ruleId: "…"` and the like. */
function rulesInSource(): Map<string, string> {
  const patterns = [
    /\.(?:error|warning)\(\s*[^;]*?,\s*"([a-z][a-z0-9]*(?:-[a-z0-9]+)+)"\s*,/g,
    /\b(?:rule|ruleId):\s*"([a-z][a-z0-9-]*)"/g,
    /\brefuse\([^,]+,\s*"([a-z][a-z0-9-]*)"/g,
    /\breject\([\s\S]{0,400}?"([a-z][a-z0-9]*(?:-[a-z0-9]+)+)",?\s*\)/g,
    /\berror\(article\.file, [^,]+, "([a-z][a-z0-9-]*)"/g,
    /ruleId \?\? "([a-z][a-z0-9-]*)"/g,
    /\? "([a-z][a-z0-9]*(?:-[a-z0-9]+)+)" : "([a-z][a-z0-9]*(?:-[a-z0-9]+)+)"\s*,\s*message/g,
    /\[\s*"[a-z]+",\s*"(import-[a-z-]+)"/g,
  ];
  const rules = new Map<string, string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith(".ts")) {
        const text = readFileSync(full, "utf8");
        for (const pattern of patterns) {
          for (const match of text.matchAll(pattern)) for (const rule of match.slice(1)) if (rule) rules.set(rule, full.slice(ROOT.length + 1));
        }
      }
    }
  };
  walk(join(ROOT, "src"));
  for (const rule of TYPOGRAPHY_RULES) rules.set(rule, "src/editor/typography-rules.ts");
  return rules;
}

describe("docs/editors-guide.md", () => {
  it("explains every rule the code reports", () => {
    const rules = rulesInSource();
    // The extraction finds the known families (a guard against the patterns silently matching nothing).
    for (const known of ["invalid-date", "unknown-key", "missing-field", "invalid-field", "duplicate-id", "unsafe-html", "conversion-markup", "invalid-utf8", "yaml-syntax", "placeholder", "latin-comma", "import-weekday-mismatch", "import-no-byline"]) {
      expect(rules.has(known), known).toBe(true);
    }
    const missing = [...rules].filter(([rule]) => !guide.includes(`\`${rule}\``)).map(([rule, file]) => `${rule} (${file})`);
    expect(missing).toEqual([]);
  });

  it("has every front matter field of articles and sections in its tables", () => {
    for (const field of [...ARTICLE_FIELDS, ...SECTION_FIELDS]) expect(guide, field.name).toMatch(new RegExp(`^\\| \`${field.name}\` \\|`, "m"));
  });

  it("covers conversion markup, the glossary and previewing", () => {
    for (const text of ["-{文字}-", "-{zh-hans:简体写法;zh-hant:繁體寫法}-", "-{}-", "content/_glossary.yml", "npm start", "http://localhost:8080/"]) expect(guide).toContain(text);
  });
});
