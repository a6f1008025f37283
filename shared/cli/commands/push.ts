import { type Command, registryOptions } from '../command.ts';
import { notYet } from './not-yet.ts';

export const push: Command = {
  name: 'push',
  summary: 'push a component (.wasm) to a registry or layout as a Wasm OCI artifact; prints the digest',
  args: '<file.wasm> <ref>',
  positionals: [2, 2],
  options: {
    ...registryOptions,
    annotation: { type: 'string', multiple: true, valueName: 'key=value', description: 'add a manifest annotation' },
  },
  run: notYet('flotilla push (OCI layer, issue #4)'),
};
