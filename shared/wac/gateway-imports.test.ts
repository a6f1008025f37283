// Regression: the e-commerce gateway (componentize-qjs) imports WASI at two
// versions (wasi:io@0.2.12 from its runtime, wasi:io@0.2.10 through
// wasi:http/types@0.2.10) and wasi:http/types' `type trailers = fields`.
// Left to the host with `...`, its imports are merged under the highest
// version; the encoding must stay a valid component (jco validates it):
//   - the functions merged in from 0.2.10 refer to one `stream-error` type
//     with those of 0.2.12 (not an anonymous copy: "instance not valid to be
//     used as import");
//   - `[constructor]fields` returns own<fields>, not own<trailers>.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { EXAMPLE_DIR } from '../../examples/ecommerce/build.ts';
import { ensureBuilt } from '../../examples/ecommerce/test-support.ts';
import { describeWasm } from '../component/describe.ts';
import { composeWac } from './compose.ts';

beforeAll(async () => {
  await ensureBuilt();
}, 300_000);

it('a gateway importing wasi:io at 0.2.10 and 0.2.12 composes into a valid component with one merged wasi:io', async () => {
  const gateway = readFileSync(join(EXAMPLE_DIR, 'build', 'gateway.wasm'));
  const before = describeWasm(gateway).imports;
  expect(before).toContain('wasi:io/streams@0.2.10');
  expect(before).toContain('wasi:io/streams@0.2.12');
  const text = 'package a:b;\nlet g = new ecommerce:gateway { ... };\nexport g["wasi:http/incoming-handler@0.2.10"];\n';
  // validation on (the default): jco transpiles the result or this throws
  const bytes = await composeWac({ file: 'gw.wac', text }, [{ name: 'ecommerce:gateway', bytes: gateway }]);
  const { imports, exports } = describeWasm(bytes);
  expect(imports.filter((i) => i.startsWith('wasi:io/streams'))).toEqual(['wasi:io/streams@0.2.12']);
  expect(imports).toContain('wasi:http/types@0.2.10');
  expect(exports).toEqual(['wasi:http/incoming-handler@0.2.10']);
}, 120_000);
