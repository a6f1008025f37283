import { describe, expect, it } from 'vitest';
import { sha256 } from '../oci/digest.ts';
import type { PublishResult } from './publish.ts';
import { publishSummary } from './summary.ts';

const digest = sha256('manifest');
const result = (over: Partial<PublishResult>): PublishResult => ({
  name: 'cart',
  descriptor: { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest, size: 400 },
  digest,
  layer: { mediaType: 'application/wasm', digest: sha256('wasm'), size: 10 },
  kind: 'component',
  refs: ['ghcr.io/acme/cart:1.0.0'],
  targets: [{ ref: 'ghcr.io/acme/cart:1.0.0', registry: 'ghcr.io', repository: 'acme/cart', tag: '1.0.0' }],
  warnings: [],
  pushed: true,
  ...over,
});

describe('publish job summary', () => {
  it('one row per ref: ref, digest, signer, referrer digest', () => {
    const md = publishSummary([
      result({
        signedBy: 'key abc',
        targets: [
          { ref: 'ghcr.io/acme/cart:1.0.0', registry: 'ghcr.io', repository: 'acme/cart', tag: '1.0.0', signatureReferrer: sha256('r') },
          { ref: 'quay.io/acme/cart:1.0.0', registry: 'quay.io', repository: 'acme/cart', tag: '1.0.0', signatureReferrer: sha256('r') },
        ],
      }),
    ]);
    expect(md).toContain('| ref | digest | signed by | referrer digest |\n| --- | --- | --- | --- |');
    expect(md).toContain(`| \`ghcr.io/acme/cart:1.0.0\` | \`${digest}\` | key abc | \`${sha256('r')}\` |`);
    expect(md).toContain(`| \`quay.io/acme/cart:1.0.0\` | \`${digest}\` | key abc | \`${sha256('r')}\` |`);
    expect(md).toContain('1 component(s) pushed to 2 ref(s)');
    expect(md).not.toContain('composition attestation');
  });

  it('says when nothing was signed, and lists policy warnings once', () => {
    const md = publishSummary([
      result({ warnings: ['signing required by default | x'] }),
      result({ name: 'pay', warnings: ['signing required by default | x'] }),
    ]);
    expect(md).toContain('| not signed |');
    expect(md.match(/- signing required by default \| x/g)).toHaveLength(1);
  });
});
