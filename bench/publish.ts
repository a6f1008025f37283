// Publish and sign 30 components of 1 MiB to a local docker-registry
// (CNCF distribution), against skopeo copying the same 30 artifacts
// without signing.
//
//   node bench/publish.ts [--rounds 3] [--count 30] [--size 1048576]
//
// Each round starts fresh registries (no blob already there), so that every
// tool uploads every byte. Flotilla: one process, publishComponent for each
// component (8 at a time, shared connections), key-pair signature attached as
// a referrer through the tag-schema fallback (distribution has no referrers
// API), bundles written to disk. Peer: `skopeo copy oci:<layout>:<tag>
// docker://…` of the same artifacts (the manifests Flotilla builds, written
// to an OCI layout first), one process per artifact, sequential and 8 at a
// time.
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { buildWasmArtifact, pushWasmArtifact } from '../shared/artifact/wasm-artifact.ts';
import { LayoutStore } from '../shared/oci/layout/store.ts';
import { mapPool } from '../shared/oci/remote/pool.ts';
import { publishComponent } from '../shared/publish/publish.ts';
import { registryConfigFromEnvValue } from '../shared/registry-config/load.ts';
import { Stores } from '../shared/registry-config/stores.ts';
import { generateKeyPair } from '../shared/sign/keys.ts';
import { startRegistry } from '../test/harness/registry.ts';
import { makeComponent, paddingSection, tempDir } from '../test/harness/wasm-fixtures.ts';

const run = promisify(execFile);
const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    count: { type: 'string', default: '30' },
    size: { type: 'string', default: String(1024 * 1024) },
  },
});
const ROUNDS = Number(values.rounds);
const loadBefore = loadavg()[0] ?? 0;
const COUNT = Number(values.count);
const SIZE = Number(values.size);

/** A real component (jco parse of WAT) grown to about `size` bytes by a padding custom section. */
async function sizedComponent(size: number, seed: number): Promise<Uint8Array> {
  const base = await makeComponent('get', seed);
  const pad = paddingSection(Math.max(0, size - base.length - 16), seed);
  const out = new Uint8Array(base.length + pad.length);
  out.set(base);
  out.set(pad, base.length);
  return out;
}

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

const work = tempDir('flotilla-bench-publish-');
const pair = generateKeyPair({ unencrypted: true });
writeFileSync(join(work.dir, 'bench.key'), pair.privateKeyPem);
const names = Array.from({ length: COUNT }, (_, i) => `c${String(i).padStart(2, '0')}`);
for (const [i, n] of names.entries()) writeFileSync(join(work.dir, `${n}.wasm`), await sizedComponent(SIZE, i + 1));
// the peer copies the same artifacts: Flotilla's manifests, in an OCI layout
const layout = new LayoutStore(join(work.dir, 'layout'));
const digests: string[] = [];
for (const n of names) {
  const { readFileSync } = await import('node:fs');
  const artifact = buildWasmArtifact({
    wasm: new Uint8Array(readFileSync(join(work.dir, `${n}.wasm`))),
    created: '1970-01-01T00:00:00Z',
    title: `${n}.wasm`,
  });
  digests.push((await pushWasmArtifact(layout, artifact, n)).digest);
}

const times: Record<string, number[]> = {
  'flotilla publish + sign': [],
  'flotilla publish (no signing)': [],
  'skopeo copy, sequential': [],
  'skopeo copy, 8 at a time': [],
};
for (let round = 0; round < ROUNDS; round++) {
  for (const [label, signed] of [
    ['flotilla publish + sign', true],
    ['flotilla publish (no signing)', false],
  ] as const) {
    const reg = await startRegistry();
    try {
      const config = registryConfigFromEnvValue(`bench|${reg.host}|oci|anonymous`);
      const stores = new Stores({ config, env: {} });
      const start = process.hrtime.bigint();
      await mapPool(names, 8, async (n, i) => {
        const r = await publishComponent({
          file: `${n}.wasm`,
          to: [`bench/bench/${n}:1.0.0`],
          cwd: work.dir,
          env: {},
          config,
          stores,
          created: '1970-01-01T00:00:00Z',
          bundleDir: 'bundles',
          signing: signed ? { kind: 'key', key: 'bench.key' } : { kind: 'none' },
        });
        if (r.digest !== digests[i]) throw new Error(`${n}: digest ${r.digest} differs from the layout's ${digests[i]}`);
      });
      times[label]?.push(ms(start));
      if (signed) {
        const tags = await (await stores.repository(`${reg.host}/bench/c00`)).listTags();
        if (!tags.some((t) => t.startsWith('sha256-'))) throw new Error('no referrer index tag: the signature was not attached');
      }
    } finally {
      await reg.stop();
    }
  }
  for (const [label, parallel] of [
    ['skopeo copy, sequential', 1],
    ['skopeo copy, 8 at a time', 8],
  ] as const) {
    const reg = await startRegistry();
    try {
      const start = process.hrtime.bigint();
      await mapPool(names, parallel, (n) =>
        run('skopeo', [
          'copy',
          '--quiet',
          '--dest-tls-verify=false',
          `oci:${join(work.dir, 'layout')}:${n}`,
          `docker://${reg.host}/bench/${n}:1.0.0`,
        ]),
      );
      times[label]?.push(ms(start));
      const { stdout } = await run('skopeo', ['inspect', '--raw', '--tls-verify=false', `docker://${reg.host}/bench/c00:1.0.0`]);
      const { sha256 } = await import('../shared/oci/digest.ts');
      if (sha256(stdout) !== digests[0]) throw new Error('skopeo did not copy the manifest byte for byte');
    } finally {
      await reg.stop();
    }
  }
}
work.cleanup();

const flotilla = median(times['flotilla publish + sign'] ?? []);
process.stdout.write(
  `${COUNT} components of ${SIZE} bytes, ${ROUNDS} round(s), ${cpus().length} CPU(s), Node ${process.version}, load average ${loadBefore.toFixed(1)} before, ${(loadavg()[0] ?? 0).toFixed(1)} after\n` +
    `| run | median ms | best ms | all runs ms | median ratio to flotilla publish + sign |\n| --- | ---: | ---: | --- | ---: |\n` +
    Object.entries(times)
      .map(
        ([label, xs]) =>
          `| ${label} | ${median(xs).toFixed(0)} | ${Math.min(...xs).toFixed(0)} | ${xs.map((x) => x.toFixed(0)).join(', ')} | ${(median(xs) / flotilla).toFixed(2)} |`,
      )
      .join('\n') +
    '\n',
);
