/**
 * Encodes a *closed* composition plan: one whose every instantiation argument
 * is satisfied inside the composition (no imports, explicit or implicit, and
 * no WAC type definitions). Such a component needs no type section of its
 * own: the packages are embedded byte for byte as nested components, then
 * instantiated, their exports aliased and re-exported.
 *
 * Plans with imports need their types re-encoded in the outer component; that
 * is the composition graph's encoder (`shared/wac/encode.ts`, component-binary),
 * and `encodeClosedPlan` refuses them with `NotImplementedError` until then.
 */
import { NotImplementedError } from '../errors.ts';
import type { ShapeKind } from './package-shape.ts';
import type { CompositionPlan, PlanNode } from './resolver.ts';

const SORT_BYTE: Record<ShapeKind, number[]> = {
  module: [0x00, 0x11],
  func: [0x01],
  value: [0x02],
  type: [0x03],
  component: [0x04],
  instance: [0x05],
};

class ByteWriter {
  readonly chunks: number[] = [];
  byte(b: number): void {
    this.chunks.push(b);
  }
  bytes(bs: ArrayLike<number>): void {
    for (let i = 0; i < bs.length; i++) this.chunks.push(bs[i] as number);
  }
  u32(n: number): void {
    let v = n >>> 0;
    do {
      let b = v & 0x7f;
      v >>>= 7;
      if (v !== 0) b |= 0x80;
      this.chunks.push(b);
    } while (v !== 0);
  }
  string(s: string): void {
    const b = new TextEncoder().encode(s);
    this.u32(b.length);
    this.bytes(b);
  }
}

/** Why a plan cannot be encoded without the type-aware encoder, or undefined when it can. */
export function closedPlanObstacle(plan: CompositionPlan): string | undefined {
  for (const node of plan.nodes) {
    if (node.kind === 'import') return `the composition imports \`${node.name}\``;
    if (node.kind === 'definition') return `the composition defines type \`${node.name}\``;
    if (node.kind === 'instantiation' && node.fill) {
      for (const name of node.shape.imports.keys()) {
        if (!node.args.has(name)) return `\`${node.package}\` leaves its import \`${name}\` to the composition`;
      }
    }
  }
  return undefined;
}

function sortOf(node: PlanNode): ShapeKind {
  switch (node.kind) {
    case 'instantiation':
      return 'instance';
    case 'alias':
    case 'import':
      return node.shape.kind;
    case 'definition':
      return 'type';
  }
}

/**
 * Writes the component for a closed plan. Sections are emitted in node order
 * (components, then per node an instance or alias section, then exports), so
 * each index refers to something already defined.
 */
export function encodeClosedPlan(plan: CompositionPlan): Uint8Array {
  const obstacle = closedPlanObstacle(plan);
  if (obstacle) {
    throw new NotImplementedError(
      `Encoding a composition with imports or type definitions (${obstacle}) needs the composition graph encoder`,
    );
  }
  const parts: Uint8Array[] = [new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00])];
  const section = (id: number, body: ByteWriter) => {
    const head = new ByteWriter();
    head.byte(id);
    head.u32(body.chunks.length);
    parts.push(Uint8Array.from(head.chunks), Uint8Array.from(body.chunks));
  };

  // Embed each package once, in first-use order.
  const componentIndex = new Map<string, number>();
  for (const node of plan.nodes) {
    if (node.kind !== 'instantiation') continue;
    const key = node.version ? `${node.package}@${node.version}` : node.package;
    if (componentIndex.has(key)) continue;
    const pkg = plan.packages.get(key);
    if (!pkg) throw new Error(`package ${key} was resolved but is missing from the plan`);
    componentIndex.set(key, componentIndex.size);
    const head = new ByteWriter();
    head.byte(0x04);
    head.u32(pkg.bytes.length);
    parts.push(Uint8Array.from(head.chunks), pkg.bytes);
  }

  const counters = new Map<string, number>();
  const next = (sort: ShapeKind): number => {
    const key = sort;
    const n = counters.get(key) ?? (sort === 'component' ? componentIndex.size : 0);
    counters.set(key, n + 1);
    return n;
  };
  const indexOf = new Map<number, number>();

  for (const [id, node] of plan.nodes.entries()) {
    if (node.kind === 'instantiation') {
      const body = new ByteWriter();
      body.u32(1);
      body.byte(0x00);
      body.u32(componentIndex.get(node.version ? `${node.package}@${node.version}` : node.package) as number);
      body.u32(node.args.size);
      for (const [name, argNode] of node.args) {
        body.string(name);
        const sort = sortOf(plan.nodes[argNode] as PlanNode);
        body.bytes(SORT_BYTE[sort]);
        body.u32(indexOf.get(argNode) as number);
      }
      section(5, body);
      indexOf.set(id, next('instance'));
    } else if (node.kind === 'alias') {
      const body = new ByteWriter();
      body.u32(1);
      const sort = node.shape.kind;
      body.bytes(SORT_BYTE[sort]);
      body.byte(0x00);
      body.u32(indexOf.get(node.instance) as number);
      body.string(node.export);
      section(6, body);
      indexOf.set(id, next(sort));
    }
  }

  if (plan.exports.size > 0) {
    const body = new ByteWriter();
    body.u32(plan.exports.size);
    for (const [name, nodeId] of plan.exports) {
      const sort = sortOf(plan.nodes[nodeId] as PlanNode);
      body.byte(0x00);
      body.string(name);
      body.bytes(SORT_BYTE[sort]);
      body.u32(indexOf.get(nodeId) as number);
      body.byte(0x00);
      next(sort);
    }
    section(11, body);
  }

  const total = parts.reduce((n, p) => n + p.length, 0);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}
