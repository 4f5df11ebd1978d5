import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { articleFieldTable, sectionFieldTable } from "../../src/content/field-table.js";
import { PROJECT_ROOT } from "../helpers/project.js";

describe("the README's front matter tables", () => {
  const readme = readFileSync(join(PROJECT_ROOT, "README.md"), "utf8");
  it("match the schema the build validates with", () => {
    expect(readme).toContain(articleFieldTable());
    expect(readme).toContain(sectionFieldTable());
  });
});
