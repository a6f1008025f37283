/**
 * `--import-dependencies` on the e-commerce platform (componentize-qjs and componentize-js
 * components, WASI imports merged across two versions): the packages become component imports
 * (`unlocked-dep=<ns:name>`) with self-contained types, the composition's own imports stay what
 * they are without the flag, the result validates on its own, and linked with the real packages
 * it validates (every imported component type checked against its package) and serves HTTP.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { componentPath, EXAMPLE_DIR } from '../../examples/ecommerce/build.ts';
import { components } from '../../examples/ecommerce/components.ts';
import { ensureBuilt } from '../../examples/ecommerce/test-support.ts';
import { readComponent } from '../component/binary/read.ts';
import { describeWasm } from '../component/describe.ts';
import { ComponentValidationError, validateComponent } from '../component/validate.ts';
import { startServer } from '../serve/server.ts';
import { buildGraph } from './build-graph.ts';
import { composeWac } from './compose.ts';
import { encodeGraphSync, linkDependencies } from './encode.ts';
import type { CompositionGraph } from './graph.ts';
import { parseWac } from './parser.ts';
import { resolveWac, type WacPackage } from './resolver.ts';

const source = { file: 'platform.wac', text: readFileSync(join(EXAMPLE_DIR, 'platform.wac'), 'utf8') };
let packages: WacPackage[];
let graph: CompositionGraph;
let embedded: Uint8Array;
let imported: Uint8Array;

beforeAll(async () => {
  await ensureBuilt();
  packages = components
    .filter((c) => !c.name.endsWith('-mock'))
    .map((c) => ({ name: c.wacPackage, bytes: new Uint8Array(readFileSync(componentPath(c.name))) }));
  const doc = parseWac(source);
  graph = buildGraph(source, doc, resolveWac(source, doc, packages)).graph;
  embedded = await composeWac(source, packages);
  imported = await composeWac(source, packages, { importDependencies: true });
}, 300_000);

/** The packages in the order the composition first instantiates them (platform.wac's `let`s). */
const INSTANTIATION_ORDER = [
  'product-catalog',
  'user-service',
  'inventory',
  'payment-processor',
  'fraud-detection',
  'cart',
  'search',
  'recommendations',
  'orders',
  'gateway',
  'web-frontend',
  'storefront',
];

describe('--import-dependencies on the e-commerce platform', () => {
  it("imports what the composition imports, then each package as a component (wac's names), and embeds none", () => {
    const own = describeWasm(embedded);
    const d = describeWasm(imported);
    expect(own.imports.length).toBeGreaterThan(10); // the gateway's and the storefront's WASI
    expect(d.imports).toEqual([...own.imports, ...INSTANTIATION_ORDER.map((n) => `unlocked-dep=<ecommerce:${n}>`)]);
    expect(d.exports).toEqual(own.exports);
    const kinds = readComponent(imported)
      .sections.flatMap((s) => (s.id === 'import' ? s.items : []))
      .filter((i) => i.name.name.startsWith('unlocked-dep='))
      .map((i) => i.type.kind);
    expect(kinds).toEqual(INSTANTIATION_ORDER.map(() => 'component'));
    // a few KiB of types instead of 12 packages of about 1 MiB each
    expect(imported.length).toBeLessThan(100_000);
    const haystack = Buffer.from(imported);
    for (const p of packages) expect(haystack.indexOf(Buffer.from((p.bytes as Uint8Array).subarray(0, 4096)))).toBe(-1);
  });

  it('validates on its own, and linked with the real packages (wasmparser checks each imported type against its package)', async () => {
    await validateComponent(imported);
    const linked = linkDependencies(graph, encodeGraphSync(graph, { importDependencies: true }));
    await validateComponent(linked);
    // the linked wrapper imports exactly what the composition imports
    expect(describeWasm(linked).imports).toEqual(describeWasm(embedded).imports);
  }, 120_000);

  it('a package that does not fit its imported type fails the linked validation', async () => {
    // the catalog's type written into the composition, the cart's bytes given for it
    const bytes = encodeGraphSync(graph, { importDependencies: true });
    const swapped: CompositionGraph = Object.create(graph);
    const catalog = graph.getPackage(0);
    const cart = packages.find((p) => p.name === 'ecommerce:cart')?.bytes as Uint8Array;
    swapped.getPackage = (id) => (id === 0 ? { ...catalog, bytes: cart } : graph.getPackage(id));
    expect(catalog.name).toBe('ecommerce:product-catalog');
    const err = await validateComponent(linkDependencies(swapped, bytes)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ComponentValidationError);
    expect((err as Error).message).toMatch(/type mismatch|missing export|missing import/);
  }, 120_000);

  it('linked with the packages, the composition serves the storefront', async () => {
    const server = await startServer(linkDependencies(graph, encodeGraphSync(graph, { importDependencies: true })));
    try {
      const res = await fetch(`${server.url}/products?category=kitchen`);
      expect(res.status).toBe(200);
      const body = (await res.json()) as { products: { id: string }[] };
      expect(body.products.map((p) => p.id)).toEqual(['p-2001', 'p-2002', 'p-2003', 'p-2004']);
    } finally {
      await server.close();
    }
  }, 120_000);
});
