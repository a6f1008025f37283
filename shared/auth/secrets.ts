const known = new Set<string>();

type Core = { setSecret(secret: string): void };

/**
 * @actions/core takes a few hundred milliseconds to load; the CLI must not
 * pay that, so it is loaded only when running as an action (where the action
 * has loaded it already). Secrets registered before it is ready are masked
 * as soon as it is.
 */
let core: Core | undefined;
const pending: string[] = [];
let loading: Promise<void> | undefined;

function inAction(): boolean {
  return process.env.GITHUB_ACTIONS === 'true';
}

function loadCore(): Promise<void> {
  loading ??= import('@actions/core').then((m) => {
    core = m;
    for (const s of pending.splice(0)) m.setSecret(s);
  });
  return loading;
}

if (inAction()) void loadCore();

/**
 * Registers a secret: with GitHub Actions (GITHUB_ACTIONS=true) it is
 * masked in the log through `core.setSecret`; in every case `redact`
 * removes it from text we print or put in error messages.
 */
export function registerSecret(value: string | undefined | null): void {
  if (!value || value.length < 4 || known.has(value)) return;
  known.add(value);
  if (!inAction()) return;
  if (core) core.setSecret(value);
  else {
    pending.push(value);
    void loadCore();
  }
}

/** Resolves once every registered secret has been handed to `core.setSecret` (actions only). */
export async function secretsMasked(): Promise<void> {
  if (inAction() && pending.length > 0) await loadCore();
}

/** Registers a password and the base64 `user:password` a Basic header carries. */
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
