import { type Command, registryOptions } from '../command.ts';
import { notYet } from './not-yet.ts';

export const publish: Command = {
  name: 'publish',
  summary: 'push a component to one or many registries, enforce the policy, and sign it',
  args: '<component.wasm>',
  positionals: [1, 1],
  options: {
    ...registryOptions,
    to: { type: 'string', multiple: true, valueName: 'ref', description: 'target ref or registry name (repeatable)' },
    key: { type: 'string', valueName: 'file', description: 'sign with this private key (PEM; password in FLOTILLA_KEY_PASSWORD)' },
    keyless: { type: 'boolean', description: 'sign keyless with the GitHub Actions OIDC token (Fulcio and Rekor)' },
    policy: { type: 'string', valueName: 'file', description: 'security policy to enforce before pushing' },
    env: { type: 'string', valueName: 'name', description: 'environment of the policy to apply' },
    lock: { type: 'string', valueName: 'file', description: 'lock of the composition, for the provenance attestation' },
  },
  run: notYet('flotilla publish (issue #7)'),
};
