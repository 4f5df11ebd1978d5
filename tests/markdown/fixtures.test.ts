/**
 * Fixture loop: every `fixtures/<case>/input.md` is rendered and compared
 * with `output.html` (the hast serialised by hast-util-to-html) and, when
 * present, `messages.txt` (one `line:column: reason` per line; no file means
 * no messages). Run with `UPDATE_FIXTURES=1` to rewrite the expected files,
 * then review the diff.
 */
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { selectAll } from "hast-util-select";
import { describeMessages, findUnsafeMarkup, projectRoot, render } from "./support.js";

const fixturesDirectory = path.join(projectRoot, "tests", "markdown", "fixtures");
const updating = Boolean(process.env.UPDATE_FIXTURES);

const cases = readdirSync(fixturesDirectory, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(path.join(fixturesDirectory, entry.name, "input.md")))
  .map((entry) => entry.name)
  .sort();

function readOptional(file: string): string {
  return existsSync(file) ? readFileSync(file, "utf8") : "";
}

describe("Markdown fixtures", () => {
  it("has the fixture cases", () => {
    expect(cases.length).toBeGreaterThanOrEqual(14);
  });

  it.each(cases)("%s", (name) => {
    const directory = path.join(fixturesDirectory, name);
    const { html, dom, file } = render(readFileSync(path.join(directory, "input.md"), "utf8"));
    const output = `${html}\n`;
    const messages = describeMessages(file).map((line) => `${line}\n`).join("");
    const outputFile = path.join(directory, "output.html");
    const messagesFile = path.join(directory, "messages.txt");

    if (updating) {
      writeFileSync(outputFile, output);
      if (messages) writeFileSync(messagesFile, messages);
      else rmSync(messagesFile, { force: true });
    }

    expect(output).toBe(readFileSync(outputFile, "utf8"));
    expect(messages).toBe(readOptional(messagesFile));
    expect(findUnsafeMarkup(dom)).toEqual([]);
    const ids = selectAll("[id]", dom).map((element) => String(element.properties.id));
    expect(ids.filter((id, index) => id === "" || ids.indexOf(id) !== index)).toEqual([]);
  });
});
