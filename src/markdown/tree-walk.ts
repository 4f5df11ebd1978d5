/**
 * Tree walking without recursion.
 *
 * Article trees are checked for excessive nesting, so the walkers that do the
 * checking must not themselves be limited by the call stack: they keep an
 * explicit stack instead.
 */

/** Returned by a visitor to leave a node's children unvisited. */
export const SKIP_CHILDREN: unique symbol = Symbol("skip children");

interface TreeNode {
  readonly type: string;
}

function childrenOf<Node extends TreeNode>(node: Node): readonly Node[] | undefined {
  const children = (node as { children?: unknown }).children;
  return Array.isArray(children) ? (children as Node[]) : undefined;
}

/**
 * Visits every node before its children, in document order.
 *
 * `enter` receives the state its parent returned (the root gets `rootState`)
 * and returns the state to hand to the node's own children, so per-branch
 * facts such as nesting depth or "inside a table" need no ancestor lists.
 */
export function walkInDocumentOrder<Node extends TreeNode, State>(
  root: Node,
  rootState: State,
  enter: (node: Node, parentState: State) => State | typeof SKIP_CHILDREN,
): void {
  // Two parallel stacks rather than one of {node, state} pairs: no object per node.
  const nodes: Node[] = [root];
  const states: State[] = [rootState];

  while (nodes.length > 0) {
    const node = nodes.pop()!;
    const childState = enter(node, states.pop()!);
    if (childState === SKIP_CHILDREN) continue;
    const children = childrenOf(node);
    if (!children) continue;
    // Pushed last-first so that the first child is popped first.
    for (let index = children.length - 1; index >= 0; index -= 1) {
      nodes.push(children[index] as Node);
      states.push(childState);
    }
  }
}

/** Concatenated text of a subtree, like the DOM's `textContent`. */
export function textContent(root: TreeNode): string {
  let text = "";
  walkInDocumentOrder(root, undefined, (node) => {
    const value = (node as { value?: unknown }).value;
    if (node.type === "text" && typeof value === "string") text += value;
    return undefined;
  });
  return text;
}
