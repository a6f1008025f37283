// The build command every example shares: `node examples/<name>/build.ts [--force] [name...]`.
import { parseArgs } from 'node:util';
import { buildDir, buildExampleComponents, type Example, publishExampleComponents } from './example.ts';

export async function runBuildCli(example: Example, argv: string[]): Promise<void> {
  const force = argv.includes('--force');
  const names = argv.filter((a) => !a.startsWith('--'));
  const started = performance.now();
  try {
    await buildExampleComponents(example, {
      ...(names.length > 0 ? { names } : {}),
      force,
      onBuilt: (r) => {
        const what = r.cached ? 'up to date' : `built in ${(r.ms / 1000).toFixed(2)} s`;
        process.stdout.write(`${r.name.padEnd(20)} ${(r.size / 1024).toFixed(0).padStart(6)} KiB  ${what}\n`);
      },
    });
  } catch (err) {
    process.stderr.write(`build failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
  process.stdout.write(`done in ${((performance.now() - started) / 1000).toFixed(2)} s -> ${buildDir(example)}\n`);
}

/** `node examples/<name>/publish.ts [--target embedded|host[:port]] [--tag-suffix s]`: pushes the built services. */
export async function runPublishCli(example: Example, argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { target: { type: 'string' }, 'tag-suffix': { type: 'string' } } });
  try {
    const published = await publishExampleComponents(example, {
      target: values.target,
      tagSuffix: values['tag-suffix'],
    });
    for (const p of published) process.stdout.write(`${p.name.padEnd(20)} ${p.digest.slice(0, 19)}…  ${p.ref}\n`);
  } catch (err) {
    process.stderr.write(`publish failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
}
