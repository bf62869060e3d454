/**
 * The framework tree of a composite index: indicators (leaves) under pillars under sub-indices
 * under the index (the root). Checked before anything is computed, so a bad spec is a clear error
 * naming the node, never a NaN in a published number.
 */
export type FrameworkNode = {
  code: string;
  /** null for the root (the index). */
  parent: string | null;
  /** The weight within its parent; the weights of one parent's children sum to 1. */
  weight: number;
};

export type Framework = {
  root: string;
  /** Indicator codes (the leaves), in the order given. */
  indicators: string[];
  /** Aggregates from the pillars up to the root, children before parents. */
  aggregates: string[];
  children: Map<string, string[]>;
  weights: Map<string, number>;
  /** 1 for indicators, up to the root's level. */
  level: Map<string, number>;
};

export class FrameworkError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly node?: string,
  ) {
    super(message);
  }
}

const WEIGHT_TOLERANCE = 1e-9;

/** Builds and checks the tree: one root, known parents, no cycle, leaves at one depth, weights. */
export const buildFramework = (nodes: readonly FrameworkNode[]): Framework => {
  const byCode = new Map<string, FrameworkNode>();
  for (const node of nodes) {
    if (byCode.has(node.code)) {
      throw new FrameworkError('index.duplicate_node', `Node ${node.code} appears twice.`, node.code);
    }
    if (!(Number.isFinite(node.weight) && node.weight >= 0)) {
      throw new FrameworkError(
        'index.invalid_weight',
        `Node ${node.code} has weight ${node.weight}.`,
        node.code,
      );
    }
    byCode.set(node.code, node);
  }
  const roots = nodes.filter((node) => node.parent === null);
  if (roots.length !== 1) {
    throw new FrameworkError(
      'index.root_count',
      `The framework has ${roots.length} roots; it needs exactly one.`,
    );
  }
  const children = new Map<string, string[]>();
  for (const node of nodes) {
    if (node.parent !== null) {
      if (!byCode.has(node.parent)) {
        throw new FrameworkError(
          'index.unknown_parent',
          `Node ${node.code} names parent ${node.parent}, which is not in the framework.`,
          node.code,
        );
      }
      children.set(node.parent, [...(children.get(node.parent) ?? []), node.code]);
    }
  }
  // Depth by walking up; a walk longer than the number of nodes has met a cycle.
  const depth = new Map<string, number>();
  for (const node of nodes) {
    let steps = 0;
    let at: FrameworkNode | undefined = node;
    while (at !== undefined && at.parent !== null) {
      steps += 1;
      if (steps > nodes.length) {
        throw new FrameworkError('index.cycle', `The framework has a cycle through ${node.code}.`, node.code);
      }
      at = byCode.get(at.parent);
    }
    depth.set(node.code, steps);
  }
  const leaves = nodes.filter((node) => !children.has(node.code)).map((node) => node.code);
  const leafDepths = new Set(leaves.map((code) => depth.get(code)));
  if (leafDepths.size !== 1) {
    throw new FrameworkError(
      'index.uneven_levels',
      'Every indicator must sit at the same depth below the index.',
    );
  }
  const top = [...leafDepths][0] as number;
  if (top === 0) {
    throw new FrameworkError('index.no_indicators', 'The framework has no indicators under its root.');
  }
  for (const [parent, codes] of children) {
    const sum = codes.reduce((total, code) => total + (byCode.get(code) as FrameworkNode).weight, 0);
    if (Math.abs(sum - 1) > WEIGHT_TOLERANCE) {
      throw new FrameworkError(
        'index.weights_not_one',
        `The weights under ${parent} sum to ${sum}, not 1.`,
        parent,
      );
    }
  }
  const level = new Map<string, number>();
  for (const node of nodes) {
    level.set(node.code, top - (depth.get(node.code) as number) + 1);
  }
  const aggregates = nodes
    .filter((node) => children.has(node.code))
    .map((node) => node.code)
    .sort((a, b) => (level.get(a) as number) - (level.get(b) as number));
  return {
    root: (roots[0] as FrameworkNode).code,
    indicators: leaves,
    aggregates,
    children,
    weights: new Map(nodes.map((node) => [node.code, node.weight])),
    level,
  };
};
