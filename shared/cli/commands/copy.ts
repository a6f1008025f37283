import { type Command, registryOptions } from '../command.ts';
import { notYet } from './not-yet.ts';

export const copy: Command = {
  name: 'copy',
  summary: 'copy artifacts between registries and oci:<dir> layouts (every tag when no tag is given)',
  args: '<src> <dst>',
  positionals: [2, 2],
  options: {
    ...registryOptions,
    referrers: { type: 'boolean', description: 'also copy the referrers (signatures, attestations)' },
  },
  run: notYet('flotilla copy (OCI layer, issue #4)'),
};
