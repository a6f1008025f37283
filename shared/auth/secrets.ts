import * as core from '@actions/core';

const known = new Set<string>();

/**
 * Registers a secret: with GitHub Actions (GITHUB_ACTIONS=true) it is
 * masked in the log through `core.setSecret`; in every case `redact`
 * removes it from text we print or put in error messages.
 */
export function registerSecret(value: string | undefined | null): void {
  if (!value || value.length < 4 || known.has(value)) return;
  known.add(value);
  // the base64 form of credentials is a secret too when it appears in a header
  if (process.env.GITHUB_ACTIONS === 'true') core.setSecret(value);
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
