/**
 * One manifest reader (oci/manifest.ts's parseManifest) for every manifest a
 * store reads: a remote registry's referrers list and tag-schema index are
 * read with it too, so a garbled one is a typed error naming where it came
 * from, not an empty list of signatures (what the lenient copy made of it).
 */
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../test/harness/ports.ts';
import { sha256 } from './digest.ts';
import { MediaType } from './media-types.ts';
import { RemoteRegistry } from './remote/registry.ts';

describe('a registry whose referrers list is not a valid image index', () => {
  let server: Server;
  let host: string;
  const subject = { mediaType: MediaType.OciManifest, digest: sha256('subject'), size: 7 };
  /** The referrers API's answer, by repository. */
  const lists: Record<string, string> = {
    // a descriptor without a digest: the lenient reader returned it as a referrer
    nodigest: JSON.stringify({
      schemaVersion: 2,
      mediaType: MediaType.OciIndex,
      manifests: [{ mediaType: MediaType.OciManifest, size: 3 }],
    }),
    // not JSON: the lenient reader returned no referrers at all
    garbled: '{"schemaVersion":2,"manifests":[',
    // manifests is not a list
    notalist: JSON.stringify({ schemaVersion: 2, mediaType: MediaType.OciIndex, manifests: 'none' }),
  };
  beforeAll(async () => {
    host = `127.0.0.1:${await freePort()}`;
    server = createServer((req, res) => {
      if (req.url === '/v2/') return res.writeHead(200).end('{}');
      const m = /^\/v2\/(\w+)\/referrers\//.exec(req.url ?? '');
      const list = m ? lists[m[1] as string] : undefined;
      if (list !== undefined) return res.writeHead(200, { 'content-type': MediaType.OciIndex }).end(list);
      res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(Number(host.split(':')[1]), '127.0.0.1', () => r()));
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it.each([
    ['nodigest', /manifests\[0\]\.digest 'undefined' is not a sha256 digest/],
    ['garbled', /not UTF-8 JSON/],
    ['notalist', /not a valid OCI manifest or index: manifests is not an array/],
  ])('%s: a typed error naming the registry, not an empty or half-read list', async (repo, says) => {
    const err = await new RemoteRegistry({ host, retry: false })
      .repository(repo)
      .referrers(subject)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as { code?: string }).code).toBe('MANIFEST_INVALID');
    expect((err as Error).message).toContain(host);
    expect((err as Error).message).toMatch(says);
  });
});
