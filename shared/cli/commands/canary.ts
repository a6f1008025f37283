import { type Command, registryOptions } from '../command.ts';
import { notYet } from './not-yet.ts';

export const canary: Command = {
  name: 'canary',
  summary: 'canary and blue-green releases: splitter, weight steps, analysis, promote or roll back',
  args: '<spec>',
  positionals: [1, 1],
  options: {
    ...registryOptions,
    env: { type: 'string', valueName: 'name', description: 'environment to release to' },
    strategy: { type: 'string', valueName: 'canary|blue-green', description: 'release strategy' },
  },
  run: notYet('flotilla canary (canary issue, not filed yet)'),
};
