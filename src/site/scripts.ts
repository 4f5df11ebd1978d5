/** The two written forms of Chinese every page is published in. */
export type Script = "zh-Hans" | "zh-Hant";

export const SCRIPTS: readonly Script[] = ["zh-Hans", "zh-Hant"];

/** URL segment for a script: lower case so URLs stay stable on case-insensitive hosts. */
export function scriptSlug(script: Script): string {
  return script.toLowerCase();
}

export function otherScript(script: Script): Script {
  return script === "zh-Hans" ? "zh-Hant" : "zh-Hans";
}
