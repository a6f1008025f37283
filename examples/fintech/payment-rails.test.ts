// The real payment rails (not the development mock) send a closed batch's
// settlement file over wasi:http/outgoing-handler, the one network import the
// policy allows them. The operator is an HTTP server in a child process (the
// WASI host's outgoing request blocks this thread until it is answered).
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transpileComponent } from '../../shared/serve/transpile.ts';
import { wasiImports } from '../../shared/serve/wasi.ts';
import { buildExampleComponents, componentFile } from '../lib/example.ts';
import { fintech } from './components.ts';

// biome-ignore lint/suspicious/noExplicitAny: the component's exports, as jco binds them
let rails: any;
let operator: ChildProcess;
let operatorUrl: string;
const received: { batch: string; body: string }[] = [];

const OPERATOR_SCRIPT = `
const http = require('node:http');
let calls = 0;
const server = http.createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    calls += 1;
    process.stdout.write(JSON.stringify({ batch: req.headers['x-ach-batch-id'], body }) + '\\n');
    // the second batch is refused: the rails must keep its entries
    res.writeHead(calls === 2 ? 503 : 201, { 'content-type': 'text/plain' });
    res.end('ok');
  });
});
server.listen(0, '127.0.0.1', () => process.stdout.write('PORT ' + server.address().port + '\\n'));
`;

beforeAll(async () => {
  await buildExampleComponents(fintech, { names: ['payment-rails'] });
  const component = await transpileComponent(readFileSync(componentFile(fintech, 'payment-rails')));
  rails = component.instantiate({ ...(await wasiImports()), 'fintech:platform/types': {} }).paymentRails;
  operator = spawn(process.execPath, ['-e', OPERATOR_SCRIPT], { stdio: ['ignore', 'pipe', 'inherit'] });
  operatorUrl = await new Promise<string>((resolve, reject) => {
    let buffer = '';
    operator.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      for (;;) {
        const nl = buffer.indexOf('\n');
        if (nl < 0) break;
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        if (line.startsWith('PORT ')) resolve(`http://127.0.0.1:${line.slice(5)}/v1/batches`);
        else received.push(JSON.parse(line));
      }
    });
    operator.once('exit', (code) => reject(new Error(`the operator exited with ${code}`)));
  });
}, 300_000);
afterAll(() => {
  operator?.kill();
});

const ctx = { correlationId: 'corr-rails-1', principal: 'system', nowMs: Date.UTC(2026, 0, 5, 9, 30), region: 'us-east', channel: 'batch' };
const entry = (amount: number) => ({
  direction: 'credit',
  routingNumber: '021000021',
  accountNumber: '000123456789',
  amount,
  name: 'Bob Okafor',
  internalAccount: 'int-ach-clearing-usd',
});

async function settle<T>(work: () => T): Promise<T> {
  const result = work();
  // the operator's stdout is read on this thread's event loop: let it run
  await new Promise((r) => setTimeout(r, 100));
  return result;
}

describe('the ACH processor', () => {
  it('keeps a closed batch for pickup when no operator is set', () => {
    rails.originate(ctx, entry(1_000));
    const batch = rails.closeBatch(ctx);
    expect(batch).toMatchObject({ entryCount: 1, totalCredits: 1_000n, transmitted: false });
    expect(rails.operator()).toBeUndefined();
  });

  it('sends the settlement file to the operator over HTTP', async () => {
    rails.setOperator(operatorUrl);
    rails.originate(ctx, entry(12_345));
    rails.originate(ctx, entry(500));
    const batch = await settle(() => rails.closeBatch(ctx));
    expect(batch).toMatchObject({ entryCount: 2, totalCredits: 12_845n, transmitted: true });
    expect(received).toHaveLength(1);
    expect(received[0]?.batch).toBe(batch.id);
    expect(received[0]?.body).toBe(batch.file);
    expect(received[0]?.body.split('\n')[0]).toMatch(/^101 123456780 123456780260105093/);
  });

  it('a batch the operator refuses is not lost: its entries go out with the next one', async () => {
    rails.originate(ctx, entry(700));
    expect(() => rails.closeBatch(ctx)).toThrow(/HTTP 503/);
    await settle(() => undefined);
    expect(rails.pending()).toBe(1);
    rails.originate(ctx, entry(300));
    const batch = await settle(() => rails.closeBatch(ctx));
    expect(batch).toMatchObject({ entryCount: 2, totalCredits: 1_000n, transmitted: true });
    expect(received).toHaveLength(3);
  });

  it('refuses an operator URL that is not http(s), and entries the rails would reject', () => {
    expect(() => rails.setOperator('ftp://example.com/x')).toThrow(/not an http\(s\) URL/);
    expect(() => rails.originate(ctx, { ...entry(1), routingNumber: '021000022' })).toThrow(/ABA checksum/);
  });
});
