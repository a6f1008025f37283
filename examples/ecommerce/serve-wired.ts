// Builds the example (if needed) and serves the platform on localhost with the
// gateway's imports wired to the service components in-process, no composer
// involved; prints a few curl commands and serves until Ctrl-C.
//   node examples/ecommerce/serve-wired.ts [--port 8080] [--dev]
// --dev swaps payment and fraud detection for the local mocks.
import { parseArgs } from 'node:util';
import { buildExample } from './build.ts';
import { servePlatform } from './wiring.ts';

const { values } = parseArgs({ options: { port: { type: 'string' }, dev: { type: 'boolean' } } });
const port = Number(values.port ?? 8080);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write(`--port expects a port number from 0 to 65535, got '${values.port}'\n`);
  process.exit(2);
}
await buildExample({
  onBuilt: (r) => {
    if (!r.cached) process.stdout.write(`built ${r.name} (${(r.ms / 1000).toFixed(2)} s)\n`);
  },
});
const platform = await servePlatform({ port, ...(values.dev ? { payment: 'payment-mock', fraud: 'fraud-mock' } : {}) });
const u = platform.url;
process.stdout.write(
  [
    `E-commerce platform (uncomposed: ten components wired by jco) at ${u}${values.dev ? ' with the payment and fraud mocks' : ''}`,
    `  curl ${u}/products`,
    `  curl '${u}/search?q=coffee'`,
    `  curl -X POST ${u}/cart/alice/items -d '{"productId":"p-2002","quantity":1}'`,
    `  curl -X POST ${u}/checkout/alice -H 'Authorization: Bearer tok-alice-7f3a' -d '{"cardToken":"tok_visa"}'`,
    'Ctrl-C to stop.',
    '',
  ].join('\n'),
);
await new Promise<void>((resolve) => {
  process.once('SIGINT', () => resolve());
  process.once('SIGTERM', () => resolve());
});
await platform.close();
