import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basicCredential } from '../../shared/auth/credentials.ts';
import { RemoteRegistry } from '../../shared/oci/remote/registry.ts';
import { makeArtifact, pushArtifact } from '../oci/artifacts.ts';
import { type HostileRegistry, startHostileRegistry } from './hostile-registry.ts';

describe('hostile registry harness', () => {
  let reg: HostileRegistry;
  beforeAll(async () => {
    reg = await startHostileRegistry();
  });
  afterAll(async () => {
    await reg?.stop();
  });

  it('behaves as a registry with Basic auth until told otherwise, on 127.0.0.1, and records every request', async () => {
    const repo = new RemoteRegistry({ host: reg.host, credential: basicCredential(reg.username, reg.password), retry: false }).repository(
      'h/ok',
    );
    const a = makeArtifact(3000);
    await pushArtifact(repo, a, 'v1');
    expect(await repo.listTags()).toEqual(['v1']);
    const got = await repo.fetch(a.layer.desc);
    expect(Buffer.from(got).equals(Buffer.from(a.layer.bytes))).toBe(true);
    expect(reg.host.startsWith('127.0.0.1:')).toBe(true);
    expect(reg.otherHost.startsWith('127.0.0.2:')).toBe(true);
    expect(reg.requests.some((r) => r.method === 'PUT' && r.headers.authorization?.startsWith('Basic '))).toBe(true);
    expect(reg.otherRequests()).toEqual([]);
  });

  it('serves its second origin on 127.0.0.2 and refuses requests without credentials on the first', async () => {
    const other = await fetch(`${reg.otherUrl}/v2/`);
    expect(other.status).toBe(200);
    const main = await fetch(`${reg.url}/v2/`);
    expect(main.status).toBe(401);
    expect(main.headers.get('www-authenticate')).toContain('Basic');
    expect(reg.otherRequests().length).toBe(1);
  });
});
