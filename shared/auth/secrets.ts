/**
 * Secrets of this process (passwords, tokens, the base64 of Basic
 * credentials): `redact` removes them from text we print or put in error
 * messages. Where else a secret must be announced (GitHub Actions masks it
 * in the job log) is the adapters' business: they install a hook with
 * `onSecret`, so this layer writes nothing and loads no Actions runtime.
 */

/** Told of each secret once, when it is first registered (and of those known before it was installed). */
export type SecretHook = (value: string) => void;

const known = new Set<string>();
const hooks = new Set<SecretHook>();

/**
 * Installs a hook told of every secret: those registered from now on, and
 * those already known. Returns a function that removes it.
 */
export function onSecret(hook: SecretHook): () => void {
  hooks.add(hook);
  for (const s of known) hook(s);
  return () => {
    hooks.delete(hook);
  };
}

/**
 * Registers a secret: `redact` removes it from text from now on, and every
 * hook (the GitHub Actions adapter masks it in the log) is told of it.
 */
export function registerSecret(value: string | undefined | null): void {
  if (!value || value.length < 4 || known.has(value)) return;
  known.add(value);
  for (const hook of hooks) hook(value);
}

/** Registers `user:password` and its base64 form (a Basic header carries it). */
export function registerBasicSecret(username: string, password: string): void {
  registerSecret(password);
  // the base64 form of credentials is a secret too when it appears in a header
  registerSecret(Buffer.from(`${username}:${password}`).toString('base64'));
}

/** `text` with every registered secret replaced by `***`. */
export function redact(text: string): string {
  let out = text;
  for (const s of known) if (out.includes(s)) out = out.split(s).join('***');
  return out;
}
