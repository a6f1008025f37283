// platform.wac against the built components, WITHOUT a WAC parser (none
// exists in the repository yet): the file's `let x = new pkg { "import": y["export"], ... }`
// statements are read with a pattern that covers exactly the shapes this
// file uses, and checked against the imports and exports of the components
// those package names stand for. The composer's own tests parse it for real.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { describeWasm } from '../../shared/component/describe.ts';
import { componentPath } from './build.ts';
import { components } from './components.ts';
import { ensureBuilt } from './test-support.ts';

beforeAll(ensureBuilt, 300_000);

interface Instantiation {
  local: string;
  pkg: string;
  args: { name: string; from: string; exportName: string }[];
  spread: boolean;
}

function read(): { pkg: string; lets: Instantiation[]; exports: { from: string; exportName: string }[] } {
  const text = readFileSync(join(import.meta.dirname, 'platform.wac'), 'utf8').replace(/\/\/.*$/gm, '');
  const pkg = /^\s*package ([a-z:-]+(?:@[0-9.]+)?);/m.exec(text)?.[1] ?? '';
  const lets: Instantiation[] = [];
  for (const m of text.matchAll(/let ([a-z-]+) = new ([a-z-]+:[a-z-]+) \{([^}]*)\};/g)) {
    const body = m[3] ?? '';
    const args = [...body.matchAll(/"([^"]+)": ([a-z-]+)\["([^"]+)"\]/g)].map((a) => ({
      name: a[1] as string,
      from: a[2] as string,
      exportName: a[3] as string,
    }));
    lets.push({ local: m[1] as string, pkg: m[2] as string, args, spread: /\.\.\.\s*$/.test(body.trim()) });
  }
  const exports = [...text.matchAll(/export ([a-z-]+)\["([^"]+)"\];/g)].map((e) => ({ from: e[1] as string, exportName: e[2] as string }));
  return { pkg, lets, exports };
}

it('platform.wac instantiates each platform component once, wiring every non-WASI import to a matching export', () => {
  const { pkg, lets, exports } = read();
  expect(pkg).toBe('ecommerce:platform');
  const byPackage = new Map(components.map((c) => [c.wacPackage, c]));
  const instances = new Map<string, { pkg: string; exports: string[] }>();
  for (const l of lets) {
    const c = byPackage.get(l.pkg);
    expect(c, `${l.pkg} is not a component of components.ts`).toBeDefined();
    const d = describeWasm(readFileSync(componentPath(c?.name ?? '')));
    // every import another component of the platform exports is wired (the storefront gets the
    // gateway's wasi:http/incoming-handler); only what the host provides (WASI, and serve's
    // flotilla:observe/context) is left to `...`
    const exportedHere = new Set(components.flatMap((x) => describeWasm(readFileSync(componentPath(x.name))).exports));
    const fromHost = (i: string) => (i.startsWith('wasi:') || i.startsWith('flotilla:observe/')) && !exportedHere.has(i);
    const needed = d.imports.filter((i) => !fromHost(i));
    expect(l.args.map((a) => a.name).sort(), `${l.local} = new ${l.pkg}`).toEqual([...needed].sort());
    for (const a of l.args) {
      const source = instances.get(a.from);
      expect(source, `${a.from} is used before it is defined`).toBeDefined();
      expect(source?.exports).toContain(a.exportName);
      expect(a.exportName).toBe(a.name); // interface names match: same WIT interface
    }
    // host imports may only be left to `...`
    expect(l.spread).toBe(d.imports.some(fromHost));
    instances.set(l.local, { pkg: l.pkg, exports: d.exports });
  }
  expect(lets.map((l) => l.pkg).sort()).toEqual(
    components
      .filter((c) => !c.name.endsWith('-mock'))
      .map((c) => c.wacPackage)
      .sort(),
  );
  // the platform's HTTP is the storefront edge's, in front of the gateway
  expect(exports).toEqual([{ from: 'storefront', exportName: 'wasi:http/incoming-handler@0.2.10' }]);
  expect(instances.get('storefront')?.exports).toContain('wasi:http/incoming-handler@0.2.10');
});
