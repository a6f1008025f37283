// imported, not read at run time: the CLI bundle carries the version it was built with
import pkg from '../../package.json' with { type: 'json' };

export const version: string = pkg.version;
