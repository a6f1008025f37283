/**
 * Reading a secret from the terminal, without echo, as `cosign generate-key-pair`
 * and `ssh-keygen` do: the terminal is put in raw mode before the prompt is
 * written (so nothing typed after the prompt appears), keys are read one by
 * one (Backspace erases, Enter ends, Ctrl-C and Ctrl-D abort), and the mode
 * is restored whatever happens.
 */
import { FlotillaError } from '../errors.ts';

/** The terminal the prompt reads from (process.stdin when it is one). */
export interface TerminalInput {
  readonly isTTY?: boolean;
  setRawMode?(mode: boolean): unknown;
  on(event: 'data', listener: (chunk: Buffer | string) => void): unknown;
  off(event: 'data', listener: (chunk: Buffer | string) => void): unknown;
  resume(): unknown;
  pause(): unknown;
}

/** The user gave up (Ctrl-C, Ctrl-D) or the input ended. Code `PROMPT_ABORTED`. */
export class PromptAbortedError extends FlotillaError {
  constructor(why: string) {
    super('PROMPT_ABORTED', `no password read: ${why}`);
  }
}

/** The longest secret accepted (a paste gone wrong should not fill memory). */
const MAX_LENGTH = 4096;

/** Whether `input` is a terminal a password can be asked on. */
export function isTerminal(input: TerminalInput | undefined): input is TerminalInput & { setRawMode(mode: boolean): unknown } {
  return input?.isTTY === true && typeof input.setRawMode === 'function';
}

/** Writes `prompt` to `output` and reads one line from the terminal `input` without echoing it. */
export function readHidden(prompt: string, input: TerminalInput, output: { write(s: string): unknown }): Promise<string> {
  if (!isTerminal(input)) return Promise.reject(new PromptAbortedError('the input is not a terminal'));
  return new Promise<string>((resolve, reject) => {
    let value = '';
    const done = (err?: Error) => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      output.write('\n');
      if (err) reject(err);
      else resolve(value);
    };
    const onData = (chunk: Buffer | string) => {
      for (const ch of typeof chunk === 'string' ? chunk : chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return done();
        if (ch === '\u0003') return done(new PromptAbortedError('interrupted (Ctrl-C)'));
        if (ch === '\u0004') return done(new PromptAbortedError('end of input (Ctrl-D)'));
        if (ch === '\u007f' || ch === '\b') value = [...value].slice(0, -1).join('');
        else if (ch >= ' ') value += ch;
        if (value.length > MAX_LENGTH) return done(new PromptAbortedError(`longer than ${MAX_LENGTH} characters`));
      }
    };
    // raw mode first: nothing typed after the prompt is echoed
    input.setRawMode(true);
    input.on('data', onData);
    input.resume();
    output.write(prompt);
  });
}
