/**
 * For tests: the bundles attached to a subject, read back with the library's
 * one reader (`readAttachedBundles`) and each verified with `verifyBundle`
 * against a trust policy, as verdicts to assert on.
 */
import { expect } from 'vitest';
import type { FlotillaError } from '../errors.ts';
import type { ContentStore } from '../oci/store.ts';
import type { Descriptor } from '../oci/types.ts';
import { readAttachedBundles } from './attach.ts';
import { SignatureVerificationError } from './errors.ts';
import { type TrustPolicy, type VerifiedBundle, verifyBundle } from './verify.ts';

export interface ReferrerVerdicts {
  /** Referrers whose bundle verified against the trust policy, for this subject. */
  verified: { referrer: Descriptor; result: VerifiedBundle }[];
  /** Bundle referrers that did not: malformed, bad signature, untrusted signer, other subject. */
  rejected: { referrer: Descriptor; error: FlotillaError }[];
}

export async function verifiedReferrers(
  store: ContentStore,
  subject: Descriptor,
  trust: TrustPolicy,
  opts: { predicateType?: string } = {},
): Promise<ReferrerVerdicts> {
  const out: ReferrerVerdicts = { verified: [], rejected: [] };
  for (const entry of await readAttachedBundles(store, subject, opts)) {
    if (entry.error) {
      out.rejected.push({ referrer: entry.referrer, error: entry.error });
      continue;
    }
    try {
      const result = verifyBundle(entry.read.bundle, trust, {
        subjectDigest: subject.digest as VerifiedBundle['subjectDigest'],
        ...(opts.predicateType !== undefined ? { predicateType: opts.predicateType } : {}),
      });
      out.verified.push({ referrer: entry.referrer, result });
    } catch (err) {
      if (!(err instanceof SignatureVerificationError)) throw err;
      out.rejected.push({ referrer: entry.referrer, error: err });
    }
  }
  return out;
}

/** The error `fn` throws, checked to be a `type`; fails the test when it throws nothing. */
export function thrownBy<E extends Error>(fn: () => unknown, type: abstract new (...args: never[]) => E): E {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(type);
    return err as E;
  }
  throw new Error(`expected a ${type.name}`);
}
