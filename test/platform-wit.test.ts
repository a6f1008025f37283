// The platform interfaces of wit/ (package flotilla:platform@1.0.0) are real
// WIT: componentize-qjs parses and resolves the folder and encodes each world
// into a component type. The JavaScript is an empty module, so these
// components are shapes only (their exports would trap); what is checked is
// that each world imports and exports exactly the interfaces it declares.
import { join } from 'node:path';
import { componentize } from 'componentize-qjs';
import { describe, expect, it } from 'vitest';
import { describeWasm } from '../shared/component/describe.ts';

const witDir = join(import.meta.dirname, '..', 'wit');
const p = (name: string) => `flotilla:platform/${name}@1.0.0`;

async function shape(world: string) {
  const { component } = await componentize({ witPath: witDir, world, jsSource: 'export {};', stubWasi: true, sync: true, optSize: true });
  const d = describeWasm(component);
  return { imports: d.imports, exports: d.exports.filter((e) => e !== 'init') };
}

describe('wit/ platform worlds', () => {
  it('api-gateway: authentication, routing and rate limiting exported; monitoring imported', async () => {
    expect(await shape('api-gateway')).toEqual({
      imports: [p('monitoring')],
      exports: [p('authentication'), p('routing'), p('rate-limiting')],
    });
  });

  it('web-frontend: ui, state and pwa exported; the api client imported', async () => {
    expect(await shape('web-frontend')).toEqual({ imports: [p('api-client')], exports: [p('ui'), p('state'), p('pwa')] });
  });

  it('mobile-app: events and offline sync exported; device and the api client imported', async () => {
    expect(await shape('mobile-app')).toEqual({
      imports: [p('device'), p('api-client')],
      exports: [p('events'), p('offline-sync')],
    });
  });

  it('an unknown world is refused', async () => {
    await expect(shape('no-such-world')).rejects.toThrow(/no-such-world/);
  });
});
