import { X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RUN, GITHUB_ACTIONS_ISSUER, type SigstoreStandIns, startSigstore } from '../../test/harness/sigstore/index.ts';
import { githubActionsIdToken } from '../actions/id-token.ts';
import { ConfigError } from '../config/config-error.ts';
import { sha256 } from '../oci/digest.ts';
import { parsePolicy } from '../policy/load.ts';
import { SignatureVerificationError, SigningError } from './errors.ts';
import { generateKeyPair, parsePrivateKey } from './keys.ts';
import { keylessSigner, keyPairSigner, type SignedBundle } from './signer.ts';
import { COSIGN_SIGN_PREDICATE_TYPE, signStatement } from './statement.ts';
import { thrownBy } from './test-fixtures.ts';
import { type KeylessTrust, trustedIdentity, verifyBundle } from './verify.ts';

/** What the adapters pass (shared/actions/id-token.ts): the job's OIDC token through ACTIONS_ID_TOKEN_REQUEST_URL. */
const githubIdToken = () => githubActionsIdToken();

const digest = sha256('the manifest of ghcr.io/acme/shop:1.0.0');
const statement = signStatement({ name: 'ghcr.io/acme/shop', digest });
const releaseWorkflow = `https://github.com/acme/shop/.github/workflows/release.yml@refs/heads/main`;

let sigstore: SigstoreStandIns;
const savedEnv = { ...process.env };

beforeAll(async () => {
  sigstore = await startSigstore();
  Object.assign(process.env, sigstore.env());
});

afterAll(async () => {
  for (const k of ['ACTIONS_ID_TOKEN_REQUEST_URL', 'ACTIONS_ID_TOKEN_REQUEST_TOKEN']) {
    if (savedEnv[k] === undefined) delete process.env[k];
    else process.env[k] = savedEnv[k];
  }
  await sigstore?.close();
});

function trust(identities: Parameters<typeof trustedIdentity>[0][]): KeylessTrust {
  return { kind: 'keyless', trustedRoot: sigstore.trustedRoot, identities: identities.map(trustedIdentity) };
}

const failure = (fn: () => unknown) => thrownBy(fn, SignatureVerificationError);

describe('keyless signing over HTTP against the sigstore stand-ins', () => {
  let signed: SignedBundle;

  beforeAll(async () => {
    signed = await keylessSigner({ endpoints: sigstore.endpoints, retry: 0, identityToken: githubIdToken }).signStatement(statement);
  });

  it('asks the GitHub token endpoint for a sigstore token, with the request token', () => {
    expect(sigstore.oidc.tokenRequests).toContainEqual({ audience: 'sigstore', authorized: true, status: 200 });
    expect(sigstore.fulcio.issued.at(-1)).toMatchObject({ status: 201, subject: releaseWorkflow, issuer: GITHUB_ACTIONS_ISSUER });
  });

  it('produces a bundle with the workflow certificate, a Rekor entry and a timestamp', () => {
    const json = signed.json as unknown as {
      verificationMaterial: {
        certificate: { rawBytes: string };
        tlogEntries: { kindVersion: { kind: string }; inclusionProof: unknown; inclusionPromise: unknown }[];
        timestampVerificationData: { rfc3161Timestamps: unknown[] };
      };
    };
    const cert = new X509Certificate(Buffer.from(json.verificationMaterial.certificate.rawBytes, 'base64'));
    expect(cert.subjectAltName).toBe(`URI:${releaseWorkflow}`);
    expect(json.verificationMaterial.tlogEntries).toHaveLength(1);
    expect(json.verificationMaterial.tlogEntries[0]?.kindVersion.kind).toBe('dsse');
    expect(json.verificationMaterial.tlogEntries[0]?.inclusionProof).toBeDefined();
    expect(json.verificationMaterial.timestampVerificationData.rfc3161Timestamps).toHaveLength(1);
    expect(sigstore.rekor.entries.at(-1)).toMatchObject({ status: 201, kind: 'dsse' });
  });

  it('verifies against the stand-in trusted root with the workflow identity, returning its claims', () => {
    const result = verifyBundle(signed.bytes, trust([{ issuer: GITHUB_ACTIONS_ISSUER, subject: releaseWorkflow }]), {
      subjectDigest: digest,
      predicateType: COSIGN_SIGN_PREDICATE_TYPE,
    });
    expect(result.subjectDigest).toBe(digest);
    expect(result.tlogEntries).toBe(1);
    expect(result.timestamps).toBe(1);
    expect(result.signer).toMatchObject({
      kind: 'keyless',
      issuer: GITHUB_ACTIONS_ISSUER,
      subject: releaseWorkflow,
      claims: {
        buildSignerURI: releaseWorkflow,
        sourceRepositoryURI: 'https://github.com/acme/shop',
        sourceRepositoryRef: 'refs/heads/main',
        sourceRepositoryDigest: DEFAULT_RUN.sha,
        buildTrigger: 'push',
        runnerEnvironment: 'github-hosted',
        runInvocationURI: 'https://github.com/acme/shop/actions/runs/7301/attempts/1',
        githubWorkflowRepository: 'acme/shop',
      },
    });
  });

  it('matches the subject by an anchored regular expression', () => {
    const ok = verifyBundle(
      signed.bytes,
      trust([{ issuer: GITHUB_ACTIONS_ISSUER, subjectRegExp: 'https://github\\.com/acme/.*@refs/heads/main' }]),
    );
    expect(ok.signer.kind).toBe('keyless');
    // anchored: a pattern matching only part of the subject does not pass
    const err = failure(() =>
      verifyBundle(signed.bytes, trust([{ issuer: GITHUB_ACTIONS_ISSUER, subjectRegExp: 'https://github\\.com/acme/shop' }])),
    );
    expect(err.code).toBe('SIGNER_UNTRUSTED');
  });

  it('fails the identity check for another issuer, and under a key-pair policy', () => {
    const err = failure(() => verifyBundle(signed.bytes, trust([{ issuer: 'https://accounts.google.com', subject: releaseWorkflow }])));
    expect(err.code).toBe('SIGNER_UNTRUSTED');
    const pem = generateKeyPair({ unencrypted: true }).publicKeyPem;
    const keyOnly = failure(() => verifyBundle(signed.bytes, { kind: 'key', publicKeys: [pem] }));
    expect(keyOnly.code).toBe('SIGNER_UNTRUSTED');
    expect(keyOnly.message).toContain('keyless');
  });

  it('refuses unusable trust material before verifying', () => {
    const id = { issuer: GITHUB_ACTIONS_ISSUER, subject: releaseWorkflow };
    const bad = (policy: KeylessTrust) => failure(() => verifyBundle(signed.bytes, policy)).code;
    expect(bad({ kind: 'keyless', trustedRoot: { tlogs: [] }, identities: [trustedIdentity(id)] })).toBe('TRUST_ROOT_INVALID');
    expect(bad(trust([]))).toBe('TRUST_ROOT_INVALID');
    // a bad identity is refused when the trust is made, before any bundle is met
    expect(failure(() => trustedIdentity({ ...id, subjectRegExp: '.*' })).code).toBe('TRUST_ROOT_INVALID');
    expect(failure(() => trustedIdentity({ issuer: GITHUB_ACTIONS_ISSUER, subjectRegExp: '(' })).code).toBe('TRUST_ROOT_INVALID');
  });

  it('fails for another subject digest and for a tampered payload', () => {
    const policy = trust([{ issuer: GITHUB_ACTIONS_ISSUER, subject: releaseWorkflow }]);
    expect(failure(() => verifyBundle(signed.bytes, policy, { subjectDigest: sha256('other') })).code).toBe('SUBJECT_MISMATCH');
    const json = JSON.parse(new TextDecoder().decode(signed.bytes));
    json.dsseEnvelope.payload = Buffer.from(JSON.stringify({ ...statement, predicateType: 'https://evil' })).toString('base64');
    const err = failure(() => verifyBundle(json, policy));
    expect(['SIGNATURE_INVALID', 'TLOG_INVALID']).toContain(err.code);
  });

  it("a policy's keyless authorities are trusted identities, checked when the policy loads (file and line), not per bundle", () => {
    const text = (subject: string) =>
      [
        'authorities:',
        '  release:',
        '    keyless:',
        `      issuer: ${GITHUB_ACTIONS_ISSUER}`,
        `      subject-regexp: "${subject}"`,
        '',
      ].join('\n');
    const policy = parsePolicy('policy.yaml', text('https://github\\\\.com/acme/shop/.*@refs/heads/main'));
    const release = policy.authorities.get('release');
    if (release?.kind !== 'keyless') throw new Error('expected a keyless authority');
    expect(verifyBundle(signed.bytes, { kind: 'keyless', trustedRoot: sigstore.trustedRoot, identities: [release] }).signer).toMatchObject({
      subject: releaseWorkflow,
    });
    const bad = thrownBy(() => parsePolicy('policy.yaml', text('https://github.com/(acme')), ConfigError);
    expect(bad.code).toBe('POLICY_BAD_REGEX');
    expect(bad.message).toMatch(/^policy\.yaml:5:\d+: authorities\.release\.keyless\.subject-regexp: bad regular expression/);
  });

  it('the certificate-chain mode verifies the chain, logs and signature for any identity, and returns who signed', async () => {
    const ok = verifyBundle(signed.bytes, { kind: 'certificate-chain', trustedRoot: sigstore.trustedRoot });
    expect(ok.signer).toMatchObject({ kind: 'keyless', issuer: GITHUB_ACTIONS_ISSUER, subject: releaseWorkflow });
    expect(ok.tlogEntries).toBe(1);
    const elsewhere = await startSigstore();
    try {
      const err = failure(() => verifyBundle(signed.bytes, { kind: 'certificate-chain', trustedRoot: elsewhere.trustedRoot }));
      expect(['CERTIFICATE_INVALID', 'TLOG_INVALID', 'TIMESTAMP_INVALID']).toContain(err.code);
    } finally {
      await elsewhere.close();
    }
    const json = JSON.parse(new TextDecoder().decode(signed.bytes));
    json.dsseEnvelope.payload = Buffer.from(JSON.stringify({ ...statement, predicateType: 'https://evil' })).toString('base64');
    expect(['SIGNATURE_INVALID', 'TLOG_INVALID']).toContain(
      failure(() => verifyBundle(json, { kind: 'certificate-chain', trustedRoot: sigstore.trustedRoot })).code,
    );
  });

  it('fails against a trusted root of other keys', async () => {
    const elsewhere = await startSigstore();
    try {
      const err = failure(() =>
        verifyBundle(signed.bytes, {
          kind: 'keyless',
          trustedRoot: elsewhere.trustedRoot,
          identities: [trustedIdentity({ issuer: GITHUB_ACTIONS_ISSUER, subject: releaseWorkflow })],
        }),
      );
      expect(['CERTIFICATE_INVALID', 'TLOG_INVALID', 'TIMESTAMP_INVALID']).toContain(err.code);
    } finally {
      await elsewhere.close();
    }
  });

  it('a signature from another workflow fails the identity check, naming the signer', async () => {
    sigstore.oidc.run = { ...DEFAULT_RUN, workflowPath: '.github/workflows/pr.yml', ref: 'refs/pull/7/merge', eventName: 'pull_request' };
    try {
      const fromPr = await keylessSigner({ endpoints: sigstore.endpoints, retry: 0, identityToken: githubIdToken }).signStatement(
        statement,
      );
      const err = failure(() => verifyBundle(fromPr.bytes, trust([{ issuer: GITHUB_ACTIONS_ISSUER, subject: releaseWorkflow }])));
      expect(err.code).toBe('SIGNER_UNTRUSTED');
      expect(err.message).toContain('https://github.com/acme/shop/.github/workflows/pr.yml@refs/pull/7/merge');
      expect(err.message).toContain(releaseWorkflow);
    } finally {
      sigstore.oidc.run = DEFAULT_RUN;
    }
  });

  it("signs with GitHub's instance shape too: Fulcio and TSA, no log", async () => {
    const { fulcioURL, tsaURL } = sigstore.endpoints;
    const before = sigstore.rekor.entries.length;
    const gh = await keylessSigner({ endpoints: { fulcioURL, tsaURL }, retry: 0, identityToken: githubIdToken }).signStatement(statement);
    expect(sigstore.rekor.entries.length).toBe(before);
    const result = verifyBundle(gh.bytes, { ...trust([{ issuer: GITHUB_ACTIONS_ISSUER, subject: releaseWorkflow }]), tlogThreshold: 0 });
    expect(result.tlogEntries).toBe(0);
    expect(result.timestamps).toBe(1);
    // with the default threshold (the root lists a log) a bundle without an entry is refused
    expect(failure(() => verifyBundle(gh.bytes, trust([{ issuer: GITHUB_ACTIONS_ISSUER, subject: releaseWorkflow }]))).code).toBe(
      'TLOG_INVALID',
    );
  });
});

describe('key-pair signing with a log and a timestamp', () => {
  it('records the signature in Rekor and the TSA when asked, and verifies them with the trusted root', async () => {
    const pair = generateKeyPair({ unencrypted: true });
    const key = parsePrivateKey(pair.privateKeyPem, 'test key');
    const logged = await keyPairSigner(key, {
      rekorURL: sigstore.endpoints.rekorURL,
      tsaURL: sigstore.endpoints.tsaURL,
      retry: 0,
    }).signStatement(statement);
    const result = verifyBundle(
      logged.bytes,
      { kind: 'key', publicKeys: [pair.publicKeyPem], trustedRoot: sigstore.trustedRoot },
      { subjectDigest: digest },
    );
    expect(result).toMatchObject({ signer: { kind: 'key', keyId: pair.keyId }, tlogEntries: 1, timestamps: 1 });
    // a log entry the trusted root does not know fails
    const elsewhere = await startSigstore();
    try {
      const err = failure(() =>
        verifyBundle(logged.bytes, { kind: 'key', publicKeys: [pair.publicKeyPem], trustedRoot: elsewhere.trustedRoot }),
      );
      expect(['TLOG_INVALID', 'TIMESTAMP_INVALID']).toContain(err.code);
    } finally {
      await elsewhere.close();
    }
  });
});

describe('keyless signing failures', () => {
  it('refuses a wrong request token at the token endpoint, with a typed error', async () => {
    const saved = process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN;
    process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN = 'not-the-token';
    try {
      const err = await keylessSigner({ endpoints: sigstore.endpoints, retry: 0, identityToken: githubIdToken })
        .signStatement(statement)
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect(err).toBeInstanceOf(SigningError);
      expect((err as SigningError).code).toBe('SIGNING_IDENTITY_TOKEN');
      expect(sigstore.oidc.tokenRequests.at(-1)).toMatchObject({ authorized: false, status: 401 });
    } finally {
      process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN = saved;
    }
  });

  it('says how to get a token when not in a GitHub Actions job', async () => {
    const saved = process.env.ACTIONS_ID_TOKEN_REQUEST_URL;
    delete process.env.ACTIONS_ID_TOKEN_REQUEST_URL;
    try {
      await expect(keylessSigner({ endpoints: sigstore.endpoints, identityToken: githubIdToken }).signStatement(statement)).rejects.toThrow(
        /id-token: write/,
      );
    } finally {
      process.env.ACTIONS_ID_TOKEN_REQUEST_URL = saved;
    }
  });

  it('reports Fulcio refusing a token it cannot verify, with its URL and status', async () => {
    const forged = `${Buffer.from('{"alg":"RS256"}').toString('base64url')}.${Buffer.from(
      JSON.stringify({ iss: GITHUB_ACTIONS_ISSUER, sub: 'repo:acme/shop:ref:refs/heads/main', aud: 'sigstore', exp: 4102444800 }),
    ).toString('base64url')}.${Buffer.from('forged').toString('base64url')}`;
    const err = await keylessSigner({ endpoints: sigstore.endpoints, retry: 0, identityToken: async () => forged })
      .signStatement(statement)
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(err).toBeInstanceOf(SigningError);
    expect((err as SigningError).code).toBe('SIGNING_CERTIFICATE');
    expect((err as SigningError).message).toContain(sigstore.endpoints.fulcioURL);
    expect((err as SigningError).message).toContain('HTTP 401');
    expect((err as SigningError).message).not.toContain(forged);
  });

  it('never prints a malformed token', async () => {
    const err = await keylessSigner({ endpoints: sigstore.endpoints, retry: 0, identityToken: async () => 'secret-not-a-jwt' })
      .signStatement(statement)
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect((err as SigningError).code).toBe('SIGNING_IDENTITY_TOKEN');
    expect((err as SigningError).message).not.toContain('secret-not-a-jwt');
  });
});
