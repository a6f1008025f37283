import { createRequire } from 'node:module';
import { FlotillaError } from '../errors.ts';
import { basicCredential, type Credential, refreshTokenCredential } from './credentials.ts';
import { redact, registerSecret } from './secrets.ts';

export class CredentialHelperError extends FlotillaError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('CREDENTIAL_HELPER', message, options);
  }
}

const HELPER_TIMEOUT_MS = 15_000;

/**
 * Asks a Docker credential helper (`docker-credential-<name>` on PATH) for
 * the credentials of `serverUrl`, with the helper protocol: `get`, the server
 * URL on stdin, `{"ServerURL","Username","Secret"}` on stdout. A Username of
 * `<token>` means the Secret is an identity (refresh) token. Returns
 * undefined when the helper has no credentials for the server.
 */
export function credentialFromHelper(
  name: string,
  serverUrl: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Credential | undefined> {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)) {
    return Promise.reject(new CredentialHelperError(`'${name}' is not a valid credential helper name (docker-credential-<name>)`));
  }
  const program = `docker-credential-${name}`;
  // loaded on use: most runs never start a helper, and node:child_process costs a short CLI run 1-3 ms
  const { execFile } = createRequire(import.meta.url)('node:child_process') as typeof import('node:child_process');
  return new Promise((resolve, reject) => {
    const child = execFile(program, ['get'], { env, timeout: HELPER_TIMEOUT_MS, maxBuffer: 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) {
        const text = `${stdout}${stderr}`;
        if (/credentials not found/i.test(text)) return resolve(undefined);
        const why =
          (err as NodeJS.ErrnoException).code === 'ENOENT'
            ? `${program} is not on PATH`
            : `${program} failed: ${redact(text.trim()).slice(0, 200) || err.message}`;
        return reject(new CredentialHelperError(`the Docker credential helper for ${serverUrl}: ${why}`, { cause: err }));
      }
      let parsed: { Username?: unknown; Secret?: unknown };
      try {
        parsed = JSON.parse(stdout) as { Username?: unknown; Secret?: unknown };
      } catch {
        return reject(new CredentialHelperError(`${program} answered something that is not JSON for ${serverUrl}`));
      }
      const username = typeof parsed.Username === 'string' ? parsed.Username : '';
      const secret = typeof parsed.Secret === 'string' ? parsed.Secret : '';
      if (!secret) return resolve(undefined);
      registerSecret(secret);
      if (username === '<token>' || username === '') return resolve(refreshTokenCredential(secret));
      resolve(basicCredential(username, secret));
    });
    child.stdin?.end(serverUrl);
  });
}
