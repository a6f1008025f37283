import { ContentVerificationError, type RegistryErrorContext } from '../../transport/errors.ts';
import type { Descriptor } from '../types.ts';
import { DigestVerifier as ContentDigestVerifier } from '../verify.ts';

/** The content verifier (shared/oci/verify.ts) whose errors carry the registry, reference and status. */
export class DigestVerifier extends ContentDigestVerifier {
  constructor(desc: Descriptor, ctx: RegistryErrorContext) {
    super(desc, (what) => new ContentVerificationError(ctx, `${what}; refused`));
  }
}
