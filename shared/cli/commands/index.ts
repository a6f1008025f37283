import type { Command } from '../command.ts';
import { canary } from './canary.ts';
import { compose } from './compose.ts';
import { copy } from './copy.ts';
import { inspect } from './inspect.ts';
import { keygen } from './keygen.ts';
import { promote } from './promote.ts';
import { publish } from './publish.ts';
import { pull } from './pull.ts';
import { push } from './push.ts';
import { serve } from './serve.ts';
import { sign } from './sign.ts';
import { splitter, tap } from './splitter.ts';
import { tags } from './tags.ts';
import { verify } from './verify.ts';
import { wac } from './wac.ts';

/** Every subcommand, in the order `flotilla --help` lists them. */
export const commands: Command[] = [
  compose,
  wac,
  serve,
  push,
  pull,
  copy,
  tags,
  inspect,
  publish,
  keygen,
  sign,
  verify,
  canary,
  promote,
  splitter,
  tap,
];
