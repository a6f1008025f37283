import { createHash, createPublicKey, generateKeyPairSync, type KeyObject, verify, X509Certificate } from 'node:crypto';
import { initializeTLog, rekorHandler } from '@sigstore/mock';
import { type HttpStandIn, json, startHttp } from './http.ts';

type TLog = Awaited<ReturnType<typeof initializeTLog>>;

export interface LogEntryRecord {
  status: number;
  kind?: string;
  /** sha256 hex of the DSSE payload, as logged. */
  payloadHash?: string;
  error?: string;
}

export interface RekorStandIn {
  url: string;
  tlog: TLog;
  http: HttpStandIn;
  entries: LogEntryRecord[];
  close(): Promise<void>;
}

class RekorRefusal extends Error {}

/** DSSE pre-authentication encoding (DSSE v1 protocol). */
function pae(payloadType: string, payload: Buffer): Buffer {
  const type = Buffer.from(payloadType, 'utf8');
  return Buffer.concat([Buffer.from(`DSSEv1 ${type.length} `), type, Buffer.from(` ${payload.length} `), payload]);
}

function verifierKey(b64: string): KeyObject {
  const pem = Buffer.from(b64, 'base64').toString('utf8');
  if (pem.includes('BEGIN CERTIFICATE')) return new X509Certificate(pem).publicKey;
  return createPublicKey(pem);
}

interface ProposedDsse {
  kind?: string;
  apiVersion?: string;
  spec?: { proposedContent?: { envelope?: string; verifiers?: string[] } };
}

/**
 * Turns a proposed `dsse` v0.0.1 entry into the body Rekor logs, as Rekor
 * does: every envelope signature must verify with one of the proposed
 * verifiers; the body keeps the envelope hash, the payload hash and each
 * signature with its verifier.
 */
function canonicalDsseBody(proposed: ProposedDsse): { body: object; payloadHash: string } {
  if (proposed.kind !== 'dsse' || proposed.apiVersion !== '0.0.1') {
    throw new RekorRefusal(`this Rekor stand-in logs dsse 0.0.1 entries, not ${proposed.kind} ${proposed.apiVersion}`);
  }
  const content = proposed.spec?.proposedContent;
  if (!content?.envelope || !content.verifiers?.length) throw new RekorRefusal('proposedContent needs an envelope and verifiers');
  const envelope = JSON.parse(content.envelope) as { payload: string; payloadType: string; signatures: { sig: string }[] };
  const payload = Buffer.from(envelope.payload, 'base64');
  const message = pae(envelope.payloadType, payload);
  const keys = content.verifiers.map((v) => ({ v, key: verifierKey(v) }));
  const signatures = envelope.signatures.map(({ sig }) => {
    const match = keys.find(({ key }) => verify('sha256', message, key, Buffer.from(sig, 'base64')));
    if (!match) throw new RekorRefusal('all signatures must have a key that verifies it');
    return { signature: sig, verifier: match.v };
  });
  signatures.sort((a, b) => (a.signature < b.signature ? -1 : 1));
  const payloadHash = createHash('sha256').update(payload).digest('hex');
  return {
    payloadHash,
    body: {
      apiVersion: '0.0.1',
      kind: 'dsse',
      spec: {
        envelopeHash: { algorithm: 'sha256', value: createHash('sha256').update(content.envelope).digest('hex') },
        payloadHash: { algorithm: 'sha256', value: payloadHash },
        signatures,
      },
    },
  };
}

/**
 * Rekor's `POST /api/v1/log/entries` for `dsse` entries, over HTTP on
 * 127.0.0.1: the proposed entry is checked and canonicalized as Rekor does,
 * then logged by @sigstore/mock's log (signed entry timestamp, inclusion
 * proof and checkpoint signed with the log's key; the checkpoint names
 * this server's host, which the trusted root's `baseUrl` must match).
 */
export async function startRekor(): Promise<RekorStandIn> {
  const keys = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const entries: LogEntryRecord[] = [];
  let handler: ((body: string) => Promise<{ statusCode: number; response: unknown; contentType?: string }>) | undefined;
  const http = await startHttp('Rekor', async (req, body, url) => {
    if (req.method !== 'POST' || url.pathname !== '/api/v1/log/entries' || !handler) return undefined;
    try {
      const { body: canonical, payloadHash } = canonicalDsseBody(JSON.parse(body.toString('utf8')) as ProposedDsse);
      const reply = await handler(JSON.stringify(canonical));
      entries.push({ status: reply.statusCode, kind: 'dsse', payloadHash });
      return { status: reply.statusCode, body: reply.response as string, contentType: reply.contentType ?? 'application/json' };
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      entries.push({ status: 400, error: message });
      return json(400, { code: 400, message });
    }
  });
  const tlog = await initializeTLog(http.url, keys);
  handler = rekorHandler(tlog).fn;
  return { url: http.url, tlog, http, entries, close: () => http.close() };
}
