import type { Command } from '../command.ts';
import { notYet } from './not-yet.ts';

export const serve: Command = {
  name: 'serve',
  summary: 'run a wasi:http/incoming-handler component on Node until stopped',
  args: '<component.wasm>',
  positionals: [1, 1],
  options: {
    port: { type: 'string', short: 'p', valueName: 'port', description: 'port to listen on (default 8080)' },
    host: { type: 'string', valueName: 'host', description: 'address to listen on (default 127.0.0.1)' },
  },
  run: notYet('flotilla serve (issue #6)'),
};
