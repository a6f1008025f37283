// The demo (`npm run demo`): build the e-commerce example components, publish
// the services into the embedded registry (an OCI image layout folder under
// examples/ecommerce/.flotilla/registry, no server), compose the platform for
// `development` (through the component store, as `flotilla compose` does),
// serve it on localhost and send it a few requests, then stop.
//   node examples/ecommerce/demo.ts [ecommerce|fintech|iot-edge] [--keep-serving] [--port 8080]
// (`npm run demo -- fintech`): the other platforms' demos do the same steps with their own scenario.
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { errorMessage } from '../../shared/errors.ts';
import { composeSpec } from '../../shared/release/compose.ts';
import { startServer } from '../../shared/serve/server.ts';
import { buildExample, EXAMPLE_DIR } from './build.ts';
import { publishExample } from './publish.ts';

const PLATFORMS = ['ecommerce', 'fintech', 'iot-edge'];
const TOKEN = 'tok-alice-7f3a'; // alice's API token in the user service's seed data

function say(text: string): void {
  process.stdout.write(`${text}\n`);
}

function seconds(since: number): string {
  return `${((performance.now() - since) / 1000).toFixed(1)} s`;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    options: { 'keep-serving': { type: 'boolean' }, port: { type: 'string' } },
    allowPositionals: true,
  });
  const platform = positionals[0] ?? 'ecommerce';
  const port = values.port !== undefined ? Number(values.port) : values['keep-serving'] ? 8080 : 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port expects a port number from 0 to 65535, got '${values.port}'`);
  if (positionals.length > 1 || !PLATFORMS.includes(platform)) {
    throw new Error(`unknown platform '${positionals.join(' ')}': npm run demo -- <${PLATFORMS.join('|')}> (default ecommerce)`);
  }
  if (platform === 'fintech')
    return (await import('../fintech/demo.ts')).runFintechDemo({ port, keepServing: values['keep-serving'] === true });
  if (platform === 'iot-edge')
    return (await import('../iot-edge/demo.ts')).runIotDemo({ port, keepServing: values['keep-serving'] === true });
  const started = performance.now();
  const root = process.cwd();

  say('1. build the components (cached when the sources did not change)');
  let t = performance.now();
  const built = await buildExample();
  say(`   ${built.length} components, ${built.filter((b) => b.cached).length} up to date (${seconds(t)})`);

  say('2. publish the services into the embedded registry');
  t = performance.now();
  const published = await publishExample();
  say(`   ${published.length} artifacts under ${relative(root, join(EXAMPLE_DIR, '.flotilla', 'registry'))} (${seconds(t)})`);

  say("3. compose the platform for 'development'");
  t = performance.now();
  const result = await composeSpec({
    specFile: join(EXAMPLE_DIR, 'flotilla.yaml'),
    environment: 'development',
    output: join(EXAMPLE_DIR, 'build', 'platform.wasm'),
  });
  for (const c of result.components) say(`   ${c.name.padEnd(18)} ${c.fetched.padEnd(5)} ${c.source}`);
  say(
    `   -> ${relative(root, result.output)} ${result.digest.slice(0, 19)}… ${(result.size / 1024 / 1024).toFixed(1)} MiB (${seconds(t)})`,
  );
  say(`   lock: ${relative(root, result.lockFile)}`);

  say('4. serve it');
  const server = await startServer(result.bytes, {
    source: relative(root, result.output),
    port,
  });
  say(`   listening on ${server.url}`);
  say(`   the storefront: ${server.url}/ (open it in a browser; try --keep-serving)`);

  const call = async (method: string, path: string, body?: unknown, token?: string): Promise<unknown> => {
    const res = await fetch(server.url + path, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const json = (await res.json()) as unknown;
    const auth = token ? ` -H 'authorization: Bearer ${token}'` : '';
    const data = body !== undefined ? ` -H 'content-type: application/json' -d '${JSON.stringify(body)}'` : '';
    say(`\n$ curl -X ${method} '${server.url}${path}'${auth}${data}`);
    say(`${res.status} ${JSON.stringify(json, null, 2).split('\n').slice(0, 24).join('\n')}`);
    return json;
  };
  try {
    say('\n5. a few requests');
    const page = await fetch(`${server.url}/`);
    const html = await page.text();
    say(`\n$ curl '${server.url}/'`);
    say(
      `${page.status} ${page.headers.get('content-type')}: ${/<title>([^<]*)<\/title>/.exec(html)?.[1]}, ${html.match(/<article class="product"/g)?.length ?? 0} products (${html.length} bytes of HTML)`,
    );
    await call('GET', '/products?category=kitchen');
    await call('POST', '/cart/alice/items', { productId: 'p-2001', quantity: 1 });
    await call('POST', '/cart/alice/items', { productId: 'p-2003', quantity: 2 });
    await call('POST', '/checkout/alice', { cardToken: 'tok_visa' }, TOKEN);
    await call('GET', `/orders/alice`, undefined, TOKEN);
  } catch (err) {
    await server.close();
    throw err;
  }
  say(`\ndone in ${seconds(started)}`);
  if (values['keep-serving']) {
    say(`still serving on ${server.url} (the storefront: ${server.url}/; try: curl ${server.url}/products); Ctrl-C stops it`);
    process.on('SIGINT', () => {
      void server.close().then(() => process.exit(0));
    });
    return;
  }
  await server.close();
}

main().catch((err: unknown) => {
  process.stderr.write(`demo failed: ${errorMessage(err)}\n`);
  process.exit(1);
});
