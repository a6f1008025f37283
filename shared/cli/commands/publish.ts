import { UsageError } from '../../errors.ts';
import { type Command, EXIT_OK, registryOptions } from '../command.ts';
import { commandStores } from '../stores.ts';
import { signingChoiceOf, signingOptions } from './signing-flags.ts';

function annotationsOf(list: unknown): Record<string, string> | undefined {
  if (!Array.isArray(list)) return undefined;
  const out: Record<string, string> = {};
  for (const item of list as string[]) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new UsageError(`--annotation '${item}': expected key=value`);
    out[item.slice(0, eq)] = item.slice(eq + 1);
  }
  return out;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export const publish: Command = {
  name: 'publish',
  summary: 'push a component to one or many registries, enforce the policy, and sign it',
  args: '[<component.wasm>]',
  positionals: [0, 1],
  options: {
    ...registryOptions,
    to: {
      type: 'string',
      multiple: true,
      valueName: 'ref',
      description: 'target: host/repo:tag, <registry name>/repo:tag, or a registry name alone (repo = --name, tag = --tag); repeatable',
    },
    tag: { type: 'string', valueName: 'tag', description: 'tag for targets that name none' },
    name: {
      type: 'string',
      valueName: 'name',
      description: 'component name for the policy and bare registry targets (default: the file name)',
    },
    ...signingOptions,
    policy: { type: 'string', valueName: 'file', description: 'security policy checked before any upload' },
    env: { type: 'string', valueName: 'name', description: 'environment of the policy to apply' },
    lock: {
      type: 'string',
      valueName: 'file',
      description: 'lock of the composition: attach the signed composition attestation of its inputs',
    },
    'bundle-dir': { type: 'string', valueName: 'dir', description: 'where to write the bundles (<name>.sigstore.json); default: here' },
    annotation: { type: 'string', multiple: true, valueName: 'key=value', description: 'add a manifest annotation' },
    created: { type: 'string', valueName: 'time', description: 'creation time (RFC 3339); default $SOURCE_DATE_EPOCH, else the epoch' },
    json: { type: 'boolean', description: 'print the result as JSON' },
  },
  async run(ctx) {
    const { runPublish } = await import('../../publish/request.ts');
    const { signingRequest } = await import('../../publish/signing-options.ts');
    const { githubActionsIdToken } = await import('../../actions/id-token.ts');
    const v = ctx.values;
    const to = Array.isArray(v.to) ? v.to : [];
    if (to.length === 0) throw new UsageError('--to <ref> is required (repeat it to publish to several registries)');
    const component = ctx.positionals[0];
    if (component === undefined && str(v.lock) === undefined) {
      throw new UsageError('give the component to publish (<component.wasm>), or --lock <file> to publish every component of a lock');
    }
    const annotations = annotationsOf(v.annotation);
    if (component === undefined && (annotations || str(v.created) !== undefined)) {
      throw new UsageError('--annotation and --created apply to one component, not to a lock');
    }
    const results = await runPublish({
      to,
      cwd: ctx.cwd,
      env: ctx.env,
      signing: signingRequest({ ...signingChoiceOf(v), identityToken: () => githubActionsIdToken() }, ctx.env),
      component,
      registries: str(v.registries),
      stores: await commandStores(ctx),
      tag: str(v.tag),
      name: str(v.name),
      policy: str(v.policy),
      environment: str(v.env),
      lock: str(v.lock),
      bundleDir: str(v['bundle-dir']),
      created: str(v.created),
      ...(annotations ? { annotations } : {}),
    });
    for (const w of new Set(results.flatMap((r) => r.warnings))) ctx.stderr.write(`flotilla publish: warning (policy mode warn): ${w}\n`);
    if (v.json === true) {
      ctx.stdout.write(`${JSON.stringify(component !== undefined ? results[0] : results, null, 2)}\n`);
      return EXIT_OK;
    }
    for (const result of results) {
      // one component: its digest alone on the first line (for scripts); a lock: name and digest
      ctx.stdout.write(component !== undefined ? `${result.digest}\n` : `${result.name} ${result.digest}\n`);
      for (const t of result.targets) {
        ctx.stdout.write(`pushed ${t.ref}${t.signatureReferrer ? ` (signature ${t.signatureReferrer})` : ''}\n`);
      }
      if (result.signedBy) ctx.stdout.write(`signed by ${result.signedBy}\n`);
      if (result.bundle) ctx.stdout.write(`bundle ${result.bundle}\n`);
      if (result.attestationBundle) ctx.stdout.write(`composition attestation ${result.attestationBundle}\n`);
    }
    return EXIT_OK;
  },
};
