import { type Command, registryOptions } from '../command.ts';
import { notYet } from './not-yet.ts';

export const inspect: Command = {
  name: 'inspect',
  summary: 'show the imports, exports, size and digest of a component file or ref',
  args: '<file.wasm | ref>',
  positionals: [1, 1],
  options: {
    ...registryOptions,
    json: { type: 'boolean', description: 'print JSON' },
  },
  run: notYet('flotilla inspect (OCI layer, issue #4)'),
};
