import type { Script } from "./scripts.js";

/** One value per script, e.g. one shared copy of something every page in that script shows. */
export function perScript<T>(make: (script: Script) => T): Readonly<Record<Script, T>> {
  return { "zh-Hans": make("zh-Hans"), "zh-Hant": make("zh-Hant") };
}
