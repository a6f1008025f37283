// Builds every component of the IoT edge platform into build/<name>.wasm.
//   node examples/iot-edge/build.ts [--force] [name...]
// A component whose inputs (sources, WIT, componentizer version) did not
// change since its last build is reused.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runBuildCli } from '../lib/cli.ts';
import { iotEdge } from './components.ts';

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await runBuildCli(iotEdge, process.argv.slice(2));
}
