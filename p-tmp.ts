import { runActionDist } from './test/harness/action-runner.ts';
const r = await runActionDist('actions/compose/dist/index.js', { spec: 'examples/ecommerce/flotilla.yaml', environment: 'development', output: '/tmp/cmp/act.wasm', validate: process.argv[2] ?? 'false' }, { env: { FLOTILLA_CACHE: '/tmp/cmp/store' } });
console.log(r.code, r.stdout.slice(-1500), r.stderr.slice(-1000), r.outputs, r.summary.slice(0, 5000));
