import { EOL } from 'node:os';

/**
 * `core.setSecret` of @actions/core, written out: the `add-mask` workflow
 * command. Loading @actions/core (and its HTTP client) costs 100-200 ms at
 * start, which every CLI process that talks to a registry would pay.
 */
function addMask(value: string): void {
  const escaped = value.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
  process.stdout.write(`::add-mask::${escaped}${EOL}`);
}

const known = new Set<string>();

/**
 * Registers a secret: with GitHub Actions (GITHUB_ACTIONS=true) it is
 * masked in the log (the `add-mask` command of `core.setSecret`); in every case `redact`
 * removes it from text we print or put in error messages.
 */
export function registerSecret(value: string | undefined | null): void {
  if (!value || value.length < 4 || known.has(value)) return;
  known.add(value);
  // the base64 form of credentials is a secret too when it appears in a header
  if (process.env.GITHUB_ACTIONS === 'true') addMask(value);
}

/** Registers `user:password` and its base64 form (a Basic header carries it). */
export function registerBasicSecret(username: string, password: string): void {
  registerSecret(password);
  registerSecret(Buffer.from(`${username}:${password}`).toString('base64'));
}

/** `text` with every registered secret replaced by `***`. */
export function redact(text: string): string {
  let out = text;
  for (const s of known) if (out.includes(s)) out = out.split(s).join('***');
  return out;
}
