import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import bcrypt from 'bcryptjs';
import { freePort } from './ports.ts';
import { startTokenServer, type TokenServer } from './token-server.ts';

export type RegistryFlavour = 'anonymous' | 'basic' | 'token';

export interface RegistryOptions {
  auth?: RegistryFlavour;
  /** Users for basic and token auth; default `{ flotilla: 'test-password-…' }`. */
  users?: Record<string, string>;
  /** Token flavour: anonymous clients may pull. */
  anonymousPull?: boolean;
  /** Token flavour: lifetime of tokens in seconds. */
  tokenExpiresIn?: number;
}

/** One line of the registry's access log. */
export interface AccessLogEntry {
  method: string;
  path: string;
  status: number;
}

export interface Registry {
  flavour: RegistryFlavour;
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** `127.0.0.1:<port>`: the registry part of a reference. */
  host: string;
  /** Credentials of the first user (basic and token flavours). */
  username?: string | undefined;
  password?: string | undefined;
  users: Record<string, string>;
  token?: TokenServer | undefined;
  /** Requests the registry served so far, parsed from its access log. */
  accessLog(): AccessLogEntry[];
  /** Forgets the access log seen so far. */
  clearAccessLog(): void;
  /** Authorization header value for the first user (basic flavour). */
  basicAuth(): string;
  stop(): Promise<void>;
}

export const INSTALL_HINT =
  "Debian's docker-registry (CNCF distribution) is not installed: run 'apt-get update && apt-get install -y docker-registry' (bash .ci/run does this).";

function registryBinary(): string {
  try {
    return execFileSync('sh', ['-c', 'command -v docker-registry'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error(INSTALL_HINT);
  }
}

const ACCESS_LINE = /"(GET|HEAD|POST|PUT|PATCH|DELETE) ([^ ]+) HTTP\/[0-9.]+" (\d{3})/;

async function waitUntilUp(url: string, child: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`docker-registry exited with code ${child.exitCode}: ${stderr()}`);
    try {
      const res = await fetch(`${url}/v2/`);
      await res.arrayBuffer();
      if (res.status === 200 || res.status === 401) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`docker-registry did not answer on ${url} within 15 s: ${stderr()}`);
}

/** A registry that is already running (REGISTRY_URL), e.g. a CI service container. */
function external(url: string): Registry {
  const u = new URL(url);
  return {
    flavour: 'anonymous',
    url: `${u.protocol}//${u.host}`,
    host: u.host,
    users: {},
    accessLog: () => {
      throw new Error('the access log of an external registry (REGISTRY_URL) cannot be read; unset REGISTRY_URL to run this test');
    },
    clearAccessLog: () => {},
    basicAuth: () => '',
    stop: async () => {},
  };
}

/**
 * Starts Debian's docker-registry (CNCF distribution 2.8) on a free port of
 * 127.0.0.1 with a temporary storage folder, anonymous or with htpasswd basic
 * auth or bearer token auth (with a token server of its own). `stop()` ends
 * the processes and removes the folders it made.
 *
 * With REGISTRY_URL set, an anonymous registry request is answered by that
 * registry instead (tests that need the access log must not use it).
 */
export async function startRegistry(opts: RegistryOptions = {}): Promise<Registry> {
  const flavour = opts.auth ?? 'anonymous';
  if (flavour === 'anonymous' && process.env.REGISTRY_URL) return external(process.env.REGISTRY_URL);
  const bin = registryBinary();
  const dir = mkdtempSync(join(tmpdir(), 'flotilla-registry-'));
  const users = opts.users ?? { flotilla: `test-password-${Math.random().toString(36).slice(2)}` };
  const [username, password] = Object.entries(users)[0] ?? [];
  let token: TokenServer | undefined;
  let authYaml = '';
  if (flavour === 'basic') {
    const lines = Object.entries(users).map(([u, p]) => `${u}:${bcrypt.hashSync(p, 5)}`);
    writeFileSync(join(dir, 'htpasswd'), `${lines.join('\n')}\n`);
    authYaml = `auth:\n  htpasswd:\n    realm: flotilla-test\n    path: ${join(dir, 'htpasswd')}\n`;
  }

  for (let attempt = 0; ; attempt++) {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    if (flavour === 'token') {
      token = await startTokenServer(await freePort(), {
        service: 'flotilla-test-registry',
        issuer: 'flotilla-test-issuer',
        users,
        anonymousPull: opts.anonymousPull ?? false,
        expiresIn: opts.tokenExpiresIn ?? 300,
      });
      writeFileSync(join(dir, 'token-ca.pem'), token.certificatePem);
      authYaml = [
        'auth:',
        '  token:',
        `    realm: ${token.realm}`,
        '    service: flotilla-test-registry',
        '    issuer: flotilla-test-issuer',
        `    rootcertbundle: ${join(dir, 'token-ca.pem')}`,
        '',
      ].join('\n');
    }
    const config = [
      'version: 0.1',
      'log:',
      '  level: error',
      '  accesslog:',
      '    disabled: false',
      'storage:',
      '  filesystem:',
      `    rootdirectory: ${join(dir, 'data')}`,
      '  delete:',
      '    enabled: true',
      '  maintenance:',
      '    uploadpurging:',
      '      enabled: false',
      'http:',
      `  addr: 127.0.0.1:${port}`,
      `  secret: ${Math.random().toString(36).slice(2)}`,
      authYaml,
    ].join('\n');
    writeFileSync(join(dir, 'config.yml'), config);
    const child = spawn(bin, ['serve', join(dir, 'config.yml')], { stdio: ['ignore', 'pipe', 'pipe'] });
    let log: AccessLogEntry[] = [];
    let errText = '';
    let partial = '';
    const onData = (chunk: Buffer) => {
      const text = partial + chunk.toString('utf8');
      const lines = text.split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        const m = ACCESS_LINE.exec(line);
        if (m) log.push({ method: m[1] ?? '', path: m[2] ?? '', status: Number(m[3]) });
        else if (line.trim()) errText = `${errText}${line}\n`.slice(-4000);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    try {
      await waitUntilUp(url, child, () => errText);
    } catch (err) {
      child.kill('SIGKILL');
      await token?.close();
      if (attempt < 2 && /address already in use/.test(errText)) continue;
      rmSync(dir, { recursive: true, force: true });
      throw err;
    }
    const tokenServer = token;
    return {
      flavour,
      url,
      host: `127.0.0.1:${port}`,
      ...(username !== undefined ? { username, password } : {}),
      users,
      ...(tokenServer ? { token: tokenServer } : {}),
      accessLog: () => [...log],
      clearAccessLog: () => {
        log = [];
      },
      basicAuth: () => `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`,
      stop: async () => {
        if (child.exitCode === null) {
          const exited = new Promise((r) => child.once('exit', r));
          child.kill('SIGTERM');
          const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
          await exited;
          clearTimeout(timer);
        }
        await tokenServer?.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
}
