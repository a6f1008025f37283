/** Apps, a metrics server and specs for the rollout integration tests (real registry, real Prometheus). */

import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { makeComponent } from '../../test/harness/wasm-fixtures.ts';
import { buildWasmArtifact, pushWasmArtifact } from '../artifact/wasm-artifact.ts';
import type { ContentStore } from '../oci/store.ts';
import { RegistryClients } from '../registry-config/open.ts';

/** Pushes a small real component as a composed app `repository:tag`; returns its manifest digest. */
export async function pushApp(store: ContentStore, tag: string, value: number): Promise<string> {
  const wasm = await makeComponent('run', value);
  const artifact = buildWasmArtifact({ wasm, created: '2026-12-01T00:00:00Z', title: 'app.wasm' });
  return (await pushWasmArtifact(store, artifact, tag)).digest;
}

export function appStore(host: string, repository: string): ContentStore {
  return new RegistryClients().repository(`${host}/${repository}`);
}

/**
 * A metrics endpoint Prometheus scrapes: a gauge `app_success_ratio` per
 * version, set by the test (the canary's health), and `NaN` or absent for
 * "no traffic".
 */
export interface MetricsServer {
  url: string;
  target: string;
  set(version: string, value: number | undefined): void;
  close(): void;
}

export async function startMetrics(): Promise<MetricsServer> {
  const values = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    if (req.url !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    const lines = ['# TYPE app_success_ratio gauge'];
    for (const [v, x] of values) lines.push(`app_success_ratio{version="${v}"} ${Number.isNaN(x) ? 'NaN' : x}`);
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end(`${lines.join('\n')}\n`);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const a = server.address();
  const port = typeof a === 'object' && a ? a.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    target: `127.0.0.1:${port}`,
    set: (v, x) => {
      if (x === undefined) values.delete(v);
      else values.set(v, x);
    },
    close: () => server.close(),
  };
}

/** Writes a spec with a rollout section into `dir` and returns its path. */
export function writeSpec(dir: string, rollout: string, environments: string): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'flotilla.yaml');
  writeFileSync(
    file,
    `name: shop
package: shop:platform@1.0.0
components:
  gateway: ghcr.io/acme/gateway:1.0.0
  user-service: ghcr.io/acme/users:2.0.0
composition:
  plug:
    socket: gateway
rollout:
${rollout
  .split('\n')
  .map((l) => (l ? `  ${l}` : l))
  .join('\n')}
environments:
${environments
  .split('\n')
  .map((l) => (l ? `  ${l}` : l))
  .join('\n')}
`,
  );
  return file;
}
