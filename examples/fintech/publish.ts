// Publishes the platform's services under their seed refs into the embedded
// registry (what the `development` environment reads) or to a registry host.
//   node examples/fintech/publish.ts [--target 127.0.0.1:5000] [--tag-suffix -staging]
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runPublishCli } from '../lib/cli.ts';
import { fintech } from './components.ts';

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await runPublishCli(fintech, process.argv.slice(2));
}
