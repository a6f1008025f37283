// The demo steps every platform shares: build (cached), publish into the
// embedded registry, compose for development, serve; then the platform's own
// scenario sends its requests and prints them as curl commands with answers.
import { join, relative } from 'node:path';
import { type ComposeResult, composeSpec } from '../../shared/release/compose.ts';
import { type RunningServer, startServer } from '../../shared/serve/server.ts';
import { buildExampleComponents, type Example, embeddedRegistry, publishExampleComponents } from './example.ts';

export function say(text: string): void {
  process.stdout.write(`${text}\n`);
}

export function seconds(since: number): string {
  return `${((performance.now() - since) / 1000).toFixed(1)} s`;
}

export async function buildComposeServe(example: Example, port: number): Promise<{ composed: ComposeResult; server: RunningServer }> {
  const root = process.cwd();
  say('1. build the components (cached when the sources did not change)');
  let t = performance.now();
  const built = await buildExampleComponents(example);
  say(`   ${built.length} components, ${built.filter((b) => b.cached).length} up to date (${seconds(t)})`);
  say('2. publish the services into the embedded registry');
  t = performance.now();
  const published = await publishExampleComponents(example);
  say(`   ${published.length} artifacts under ${relative(root, embeddedRegistry(example))} (${seconds(t)})`);
  say("3. compose the platform for 'development'");
  t = performance.now();
  const composed = await composeSpec({
    specFile: join(example.dir, 'flotilla.yaml'),
    environment: 'development',
    output: join(example.dir, 'build', 'platform.wasm'),
  });
  for (const c of composed.components) say(`   ${c.name.padEnd(20)} ${c.fetched.padEnd(5)} ${c.source}`);
  say(
    `   -> ${relative(root, composed.output)} ${composed.digest.slice(0, 19)}… ${(composed.size / 1024 / 1024).toFixed(1)} MiB (${seconds(t)})`,
  );
  say(`   lock: ${relative(root, composed.lockFile)}`);
  say('4. serve it');
  const server = await startServer(composed.bytes, { source: relative(root, composed.output), port });
  say(`   listening on ${server.url}`);
  return { composed, server };
}

/** Sends a JSON request, prints it as curl with the (shortened) answer, and returns the answer. */
export function curl(baseUrl: string) {
  // biome-ignore lint/suspicious/noExplicitAny: the demo prints whatever the platform answers
  return async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}, lines = 16): Promise<any> => {
    const res = await fetch(baseUrl + path, {
      method,
      headers: { 'content-type': 'application/json', ...headers },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    let json: unknown = text;
    try {
      json = JSON.parse(text);
    } catch {
      // not JSON
    }
    const h = Object.entries(headers)
      .map(([k, v]) => ` -H '${k}: ${v}'`)
      .join('');
    const data = body !== undefined ? ` -H 'content-type: application/json' -d '${JSON.stringify(body)}'` : '';
    say(`\n$ curl -X ${method} '${baseUrl}${path}'${h}${data}`);
    say(`${res.status} ${JSON.stringify(json, null, 2).split('\n').slice(0, lines).join('\n')}`);
    return json;
  };
}

/** Stops the server, or keeps it serving until Ctrl-C with --keep-serving. */
export async function finish(server: { url: string; close(): Promise<void> }, keepServing: boolean, hint: string): Promise<void> {
  if (keepServing) {
    say(`\nstill serving on ${server.url} (try: curl ${server.url}${hint}); Ctrl-C stops it`);
    process.on('SIGINT', () => {
      void server.close().then(() => process.exit(0));
    });
    return;
  }
  await server.close();
}
