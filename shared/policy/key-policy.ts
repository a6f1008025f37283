/**
 * `flotilla verify --key <file.pub> <ref>`: the quick check cosign users
 * expect (`cosign verify --key cosign.pub <image>`), without writing a
 * policy. The flag becomes a one-rule policy for the same engine: one `key`
 * authority holding every `--key`, and a default rule requiring a signature
 * by it for every component.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from '../errors.ts';
import { parsePublicKeyPem, spkiSha256 } from './keys.ts';
import type { AuthorityKey, Policy, Rule } from './types.ts';

/** The authority's name in reports (`signed by --key`). */
export const KEY_FLAG_AUTHORITY = '--key';

/** The policy `--key` stands for; every file must be a PEM public key (a usage error names the one that is not). */
export function keyPolicy(files: readonly string[], cwd: string): Policy {
  if (files.length === 0) throw new UsageError('--key needs a public key file (.pub)');
  const keys: AuthorityKey[] = files.map((given) => {
    const file = resolve(cwd, given);
    let pem: string;
    try {
      pem = readFileSync(file, 'utf8');
    } catch (err) {
      const why = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message;
      throw new UsageError(`--key ${given}: cannot read ${file}: ${why}`, { cause: err });
    }
    try {
      return { pem, spkiSha256: spkiSha256(parsePublicKeyPem(pem)), source: given };
    } catch (err) {
      throw new UsageError(`--key ${given}: not a PEM public key: ${(err as Error).message}`, { cause: err });
    }
  });
  const label = `--key ${files.join(', ')}`;
  const position = { file: resolve(cwd, files[0] as string), line: 1, column: 1 };
  const rule: Rule = {
    id: '--key',
    label,
    scope: 'default',
    position,
    signing: 'required',
    authorities: [KEY_FLAG_AUTHORITY],
    requireDigest: false,
  };
  return {
    file: label,
    mode: 'enforce',
    authorities: new Map([[KEY_FLAG_AUTHORITY, { name: KEY_FLAG_AUTHORITY, position, kind: 'key', keys }]]),
    registries: [],
    components: [],
    default: rule,
    unknownRegistries: 'allow',
    environments: new Map(),
  };
}
