import { EOL } from 'node:os';
import { onSecret } from '../auth/secrets.ts';

/**
 * `core.setSecret` of @actions/core, written out: the `add-mask` workflow
 * command. Loading @actions/core (and its HTTP client) costs 100-200 ms at
 * start, which every CLI process that talks to a registry would pay.
 */
export function addMask(value: string): void {
  const escaped = value.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
  process.stdout.write(`::add-mask::${escaped}${EOL}`);
}

let installed: (() => void) | undefined;

/**
 * In a GitHub Actions job (`GITHUB_ACTIONS=true`), masks every secret the
 * library registers (registry passwords and tokens, their base64 forms) in
 * the job log. The actions call it through `runAction`; the CLI calls it at
 * start. Outside Actions it does nothing. Idempotent.
 */
export function maskSecretsInActionsLog(env: NodeJS.ProcessEnv = process.env): void {
  if (installed || env.GITHUB_ACTIONS !== 'true') return;
  installed = onSecret(addMask);
}
