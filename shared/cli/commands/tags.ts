import { type Command, registryOptions } from '../command.ts';
import { notYet } from './not-yet.ts';

export const tags: Command = {
  name: 'tags',
  summary: 'list the tags of a repository',
  args: '<repo>',
  positionals: [1, 1],
  options: { ...registryOptions },
  run: notYet('flotilla tags (OCI layer, issue #4)'),
};
