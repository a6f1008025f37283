// Verify benchmark: `flotilla verify --lock` over N signed components in Debian's docker-registry.
//
//   node bench/verify.ts [--rounds 5] [--count 20] [--json bench/results/verify.json]
//
// N real components (WAT parsed by jco), each pushed to its own repository and signed
// with an ECDSA P-256 key (a sigstore bundle attached as a referrer, found through the
// tag-schema fallback since distribution 2.8 has no referrers API), one lock over all
// of them, one policy requiring the key. Each round runs `flotilla verify --lock` as a
// process (what a CI step pays: start, policy, N x (manifest, config, layer, referrers,
// referrer manifest, bundle), signature checks, report) and counts the registry's
// requests in its access log. The first round starts with an empty pull cache (cold);
// the next ones find the configs and layers in it (warm), as a verify after compose does. No peer is measured: cosign, which verifies the same
// bundles, is not installable here (npm registry and Debian packages only).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildLock, writeLock } from '../shared/release/lock.ts';
import { resolvePlan } from '../shared/release/plan.ts';
import { loadSpec } from '../shared/release/spec.ts';
import { keyPairSigner } from '../shared/sign/signer.ts';
import { componentImporting, type PushedComponent, pushComponent, signingKey } from '../shared/verify/test-fixtures.ts';
import { startRegistry } from '../test/harness/registry.ts';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '5' },
    count: { type: 'string', default: '20' },
    json: { type: 'string' },
  },
});
const ROUNDS = Number(values.rounds);
const COUNT = Number(values.count);
const root = join(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'flotilla-bench-verify-'));

function run(args: string[]): Promise<{ ms: number; code: number; stdout: string }> {
  const started = performance.now();
  const child = spawn(process.execPath, [join(root, 'bin', 'flotilla.js'), ...args], {
    cwd: work,
    env: { ...process.env, FLOTILLA_CACHE: join(work, 'cache') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  child.stdout.on('data', (c: Buffer) => {
    stdout += c.toString();
  });
  return new Promise((resolve) => child.on('exit', (code) => resolve({ ms: performance.now() - started, code: code ?? 1, stdout })));
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
};

const registry = await startRegistry();
try {
  const key = signingKey('bench');
  writeFileSync(join(work, 'bench.pub'), key.publicKeyPem);
  writeFileSync(join(work, 'policy.yaml'), 'authorities:\n  bench: { key: bench.pub }\nregistries:\n  - local|required|bench\n');
  writeFileSync(join(work, 'platform.wac'), '');
  const pushed: PushedComponent[] = [];
  for (let i = 0; i < COUNT; i++) {
    const wasm = await componentImporting(['wasi:cli/environment@0.2.0'], i);
    pushed.push(await pushComponent(registry.host, `bench/c${i}`, wasm, { signer: keyPairSigner(key) }));
  }
  const names = pushed.map((_, i) => `c${i}`);
  writeFileSync(
    join(work, 'spec.yaml'),
    [
      'name: bench',
      'package: bench:platform@1.0.0',
      'components:',
      ...pushed.map((p, i) => `  c${i}: ${p.ref}`),
      'composition:',
      '  wac: platform.wac',
      '',
    ].join('\n'),
  );
  writeLock(
    join(work, 'flotilla.lock.json'),
    buildLock(
      resolvePlan(loadSpec(join(work, 'spec.yaml'))),
      pushed.map((p, i) => p.resolved(names[i] as string)),
    ),
  );

  const times: number[] = [];
  const requests: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    registry.clearAccessLog();
    const res = await run(['verify', '--lock', 'flotilla.lock.json', '--policy', 'policy.yaml']);
    if (res.code !== 0) throw new Error(`verify exited with ${res.code}:\n${res.stdout}`);
    times.push(res.ms);
    requests.push(registry.accessLog().length);
  }
  const warm = times.slice(1);
  const result = {
    machine: `${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`,
    components: COUNT,
    rounds: ROUNDS,
    coldMs: Math.round(times[0] ?? 0),
    coldRequests: requests[0],
    warmMsMedian: Math.round(median(warm)),
    warmMsAll: warm.map((t) => Math.round(t)),
    warmRequests: median(requests.slice(1)),
    warmRequestsPerComponent: median(requests.slice(1)) / COUNT,
  };
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  if (values.json) {
    const { mkdirSync } = await import('node:fs');
    mkdirSync(dirname(values.json), { recursive: true });
    writeFileSync(values.json, `${JSON.stringify(result, null, 2)}\n`);
  }
} finally {
  await registry.stop();
  rmSync(work, { recursive: true, force: true });
}
