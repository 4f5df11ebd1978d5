/**
 * GFM's autolink-literal transform, run only where it can find something.
 *
 * remark-gfm turns bare URLs and e-mail addresses into links after parsing,
 * with a find-and-replace over every text node of the document that builds a
 * visitor per node and tries four regular expressions on each text. Every
 * pattern needs `http://`, `https://` or `www.` (in any case) or an `@`, so
 * this plugin — used right after remark-gfm — swaps the transform for one
 * that runs the very same transform on just the top-level blocks with such a
 * text in them. Links cannot contain blocks, so a block's text is under a
 * link in the block exactly when it is in the whole document; the result is
 * the same, without the walk over everything else.
 *
 * If remark-gfm ever stops providing the transform under the expected name,
 * nothing is swapped and its own transform runs as before.
 */
import type { Nodes, Root } from "mdast";
import type { Processor } from "unified";

/** The name of the transform inside mdast-util-gfm-autolink-literal. */
const TRANSFORM_NAME = "transformGfmAutolinkLiterals";
/** Text that some autolink-literal pattern could match needs one of these. */
const CANDIDATE = /https?:\/\/|www\.|@/i;

type Transform = (tree: Root) => Root | undefined | void;

interface FromMarkdownExtension {
  readonly transforms?: readonly Transform[];
  readonly [key: string]: unknown;
}

type Extensions = readonly (FromMarkdownExtension | Extensions)[];

function hasCandidateText(node: Nodes): boolean {
  const pending: Nodes[] = [node];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (next.type === "text") {
      if (CANDIDATE.test(next.value)) return true;
    } else if ("children" in next) {
      for (const child of next.children) pending.push(child);
    }
  }
  return false;
}

function guarded(transform: Transform): Transform {
  return function transformCandidateBlocks(tree: Root): undefined {
    for (const block of tree.children) {
      // The transform only ever splices children of the nodes below the one it is given.
      if (hasCandidateText(block)) transform(block as unknown as Root);
    }
    return undefined;
  };
}

/**
 * `extensions` with the autolink-literal transform swapped for the guarded one; `swapped` is
 * false when the transform was not found.
 */
export function guardAutolinkLiteralTransform(extensions: Extensions): { extensions: Extensions; swapped: boolean } {
  let swapped = false;
  const visit = (list: Extensions): Extensions =>
    list.map((entry) => {
      if (Array.isArray(entry)) return visit(entry);
      const extension = entry as FromMarkdownExtension;
      const transforms = extension.transforms;
      if (!transforms?.some((transform) => transform.name === TRANSFORM_NAME)) return extension;
      swapped = true;
      return { ...extension, transforms: transforms.map((transform) => (transform.name === TRANSFORM_NAME ? guarded(transform) : transform)) };
    });
  const result = visit(extensions);
  return { extensions: result, swapped };
}

/** The plugin: `.use(remarkGfm).use(remarkAutolinkLiteralGuard)`. */
export default function remarkAutolinkLiteralGuard(this: Processor): undefined {
  const data = this.data();
  const current = data.fromMarkdownExtensions as Extensions | undefined;
  if (current) {
    const { extensions, swapped } = guardAutolinkLiteralTransform(current);
    if (swapped) data.fromMarkdownExtensions = extensions as unknown as typeof data.fromMarkdownExtensions;
  }
  return undefined;
}
