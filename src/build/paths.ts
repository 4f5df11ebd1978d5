import { join, resolve } from "node:path";

/** Where a project's folders are; every command works from these. */
export interface ProjectPaths {
  readonly root: string;
  readonly content: string;
  readonly templates: string;
  readonly output: string;
}

export function projectPaths(root: string, overrides: { content?: string; templates?: string; output?: string } = {}): ProjectPaths {
  const base = resolve(root);
  return {
    root: base,
    content: resolve(base, overrides.content ?? "content"),
    templates: resolve(base, overrides.templates ?? join("templates")),
    output: resolve(base, overrides.output ?? "dist"),
  };
}
