// What the example tests share: build (cached), publish into the embedded
// registry, compose the spec for development through a fresh store, serve the
// result, and call it over HTTP.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ComposeResult, composeSpec } from '../../shared/release/compose.ts';
import type { Logger } from '../../shared/serve/log.ts';
import { type RunningServer, startServer } from '../../shared/serve/server.ts';
import { buildExampleComponents, type Example, publishExampleComponents } from './example.ts';

export interface ServedExample {
  composed: ComposeResult;
  server: RunningServer;
  work: string;
  close(): Promise<void>;
}

/** Build, publish (embedded registry), compose for development (store in a temp folder), serve. */
export async function serveExample(example: Example, options: { logger?: Logger } = {}): Promise<ServedExample> {
  await buildExampleComponents(example);
  await publishExampleComponents(example);
  const work = mkdtempSync(join(tmpdir(), `flotilla-${example.name}-`));
  const composed = await composeSpec({
    specFile: join(example.dir, 'flotilla.yaml'),
    environment: 'development',
    output: join(work, 'platform.wasm'),
    storeDir: join(work, 'store'),
  });
  const server = await startServer(composed.bytes, {
    source: 'platform.wasm',
    // serve's JSON log, the services' lines (flotilla:observe/context) among them
    ...(options.logger !== undefined ? { logger: options.logger, logRequests: false } : {}),
  });
  return {
    composed,
    server,
    work,
    close: async () => {
      await server.close();
      rmSync(work, { recursive: true, force: true });
    },
  };
}

export interface Reply {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: JSON answers of the platform under test
  json: any;
}

/** A JSON client of one server: `call('POST', '/transfers', body, { token })`. */
export function client(baseUrl: () => string) {
  return async (
    method: string,
    path: string,
    body?: unknown,
    options: { token?: string; headers?: Record<string, string> } = {},
  ): Promise<Reply> => {
    const res = await fetch(baseUrl() + path, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...(options.headers ?? {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = { text };
    }
    return { status: res.status, headers: res.headers, json };
  };
}
