// The JSON Schemas users write against: every pattern is explained in words
// (patternErrorMessage, which Flotilla's messages and VS Code's JSON support
// show), and the messages a trial found wanting say what was meant.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSpec } from '../shared/release/spec.ts';

const SCHEMAS = join(import.meta.dirname, '..', 'schemas');
const dir = mkdtempSync(join(tmpdir(), 'flotilla-schemas-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function patterns(node: unknown, path: string, out: { path: string; explained: boolean }[]): void {
  if (Array.isArray(node)) {
    node.forEach((n, i) => {
      patterns(n, `${path}[${i}]`, out);
    });
  } else if (node !== null && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (typeof o.pattern === 'string')
      out.push({ path, explained: typeof o.patternErrorMessage === 'string' && o.patternErrorMessage !== '' });
    for (const [k, v] of Object.entries(o)) patterns(v, `${path}.${k}`, out);
  }
}

function specError(text: string): string {
  const file = join(dir, 'flotilla.yaml');
  writeFileSync(file, text);
  writeFileSync(join(dir, 'app.wac'), '');
  try {
    loadSpec(file);
  } catch (err) {
    return (err as Error).message.replace(`${dir}/`, '');
  }
  throw new Error('the spec was accepted');
}

describe('schemas', () => {
  const files = readdirSync(SCHEMAS).filter((f) => f.endsWith('.schema.json'));
  it.each(files)('%s explains every pattern in words', (file) => {
    const found: { path: string; explained: boolean }[] = [];
    patterns(JSON.parse(readFileSync(join(SCHEMAS, file), 'utf8')), '', found);
    expect(found.length).toBeGreaterThan(0);
    expect(found.filter((p) => !p.explained).map((p) => p.path)).toEqual([]);
  });

  it('a misspelled required key is a "did you mean" on its own line, not only a missing field', () => {
    expect(specError('name: shop\npackage: acme:shop\ncomponets:\n  cart: cart.wasm\ncomposition: { wac: app.wac }\n')).toBe(
      "flotilla.yaml:3:1: componets: missing required field 'components': 'componets' is not a field; did you mean 'components'?",
    );
    expect(
      specError(
        'name: shop\npackage: acme:shop\nregistries:\n  - name: prod\n    hots: ghcr.io\ncomponents: { cart: cart.wasm }\ncomposition: { wac: app.wac }\n',
      ),
    ).toBe("flotilla.yaml:5:5: registries[0].hots: missing required field 'host': 'hots' is not a field; did you mean 'host'?");
    expect(specError('name: shop\npackage: acme:shop\ncomponents: { cart: cart.wasm }\ncompositon: { wac: app.wac }\n')).toBe(
      "flotilla.yaml:4:1: compositon: missing required field 'composition': 'compositon' is not a field; did you mean 'composition'?",
    );
  });

  it('a pattern is said in words', () => {
    expect(specError('name: shop\npackage: acme:shop\ncomponents:\n  Cart_Service: cart.wasm\ncomposition: { wac: app.wac }\n')).toBe(
      "flotilla.yaml:4:3: components.Cart_Service: name 'Cart_Service' must be lower-case words joined by - or _ (as in user-service)",
    );
  });
});
