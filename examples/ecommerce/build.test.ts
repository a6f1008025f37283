// The build cache: a component is rebuilt when, and only when, one of its
// inputs changes. Uses a copy of one small service in a temporary folder.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeWasm } from '../../shared/component/describe.ts';
import { SHARED_JS_DIR } from '../lib/example.ts';
import { WIT_DEPS, WIT_SOURCE_DIR } from './build.ts';
import { type BuildInput, buildComponent, ComponentBuildError } from './componentize.ts';
import { stageWit } from './wit-staging.ts';

let dir: string;
let input: BuildInput;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'flotilla-build-test-'));
  // the service and the shared modules it imports by relative path (../../../lib/js), laid out as in the repository
  const src = join(dir, 'examples', 'ecommerce', 'services', 'fraud-mock');
  await cp(join(import.meta.dirname, 'services', 'fraud-mock'), src, { recursive: true });
  await cp(SHARED_JS_DIR, join(dir, 'examples', 'lib', 'js'), { recursive: true });
  await stageWit(WIT_SOURCE_DIR, join(dir, 'wit'), '0.2.10', WIT_DEPS);
  input = {
    name: 'fraud-mock',
    componentizer: 'componentize-qjs',
    entry: join(src, 'index.js'),
    sourceDir: src,
    sharedSources: [join(dir, 'examples', 'lib', 'js')],
    moduleRoot: join(dir, 'examples'),
    witDir: join(dir, 'wit'),
    world: 'fraud-detection',
    outPath: join(dir, 'out', 'fraud-mock.wasm'),
  };
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('buildComponent', () => {
  it('builds cold, reuses the result while the inputs are the same, rebuilds when a source or the WIT changes', async () => {
    const cold = await buildComponent(input);
    expect(cold.cached).toBe(false);
    const bytes = await readFile(input.outPath);
    expect(describeWasm(bytes).exports).toContain('ecommerce:platform/fraud@1.0.0');
    expect((await readFile(`${input.outPath}.inputs`, 'utf8')).trim()).toBe(cold.inputsDigest);

    const warm = await buildComponent(input);
    expect(warm).toMatchObject({ cached: true, inputsDigest: cold.inputsDigest, size: bytes.length });
    expect(warm.ms).toBeLessThan(cold.ms);

    await writeFile(input.entry, `${await readFile(input.entry, 'utf8')}\n// changed\n`);
    const afterSource = await buildComponent(input);
    expect(afterSource.cached).toBe(false);
    expect(afterSource.inputsDigest).not.toBe(cold.inputsDigest);

    await writeFile(join(dir, 'wit', 'fraud.wit'), `${await readFile(join(dir, 'wit', 'fraud.wit'), 'utf8')}\n`);
    const afterWit = await buildComponent(input);
    expect(afterWit.cached).toBe(false);
    expect(afterWit.inputsDigest).not.toBe(afterSource.inputsDigest);

    expect((await buildComponent(input, { force: true })).cached).toBe(false);
  }, 120_000);

  it('a component whose stamp is missing is rebuilt', async () => {
    await rm(`${input.outPath}.inputs`);
    expect((await buildComponent(input)).cached).toBe(false);
  }, 60_000);

  it('a JavaScript error is a ComponentBuildError naming the entry, and leaves the previous component in place', async () => {
    const before = await readFile(input.outPath);
    await writeFile(input.entry, 'export const fraud = {;\n');
    const failure = buildComponent(input);
    await expect(failure).rejects.toThrow(ComponentBuildError);
    await expect(failure).rejects.toThrow(`building fraud-mock from ${input.entry} failed`);
    expect(await readFile(input.outPath)).toEqual(before);
  }, 60_000);
});
