import { type Command, registryOptions } from '../command.ts';
import { notYet } from './not-yet.ts';

export const pull: Command = {
  name: 'pull',
  summary: 'pull a Wasm OCI artifact and write its component',
  args: '<ref>',
  positionals: [1, 1],
  options: {
    ...registryOptions,
    output: { type: 'string', short: 'o', valueName: 'file.wasm', description: 'where to write the component' },
  },
  run: notYet('flotilla pull (OCI layer, issue #4)'),
};
