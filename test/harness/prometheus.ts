import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './ports.ts';

export const PROMETHEUS_INSTALL_HINT =
  "Debian's prometheus is not installed: run 'apt-get update && apt-get install -y prometheus' (bash .ci/run does this).";

export interface ScrapeTarget {
  /** The `job` label of the scraped series. */
  job: string;
  /** `127.0.0.1:<port>` of an admin listener that serves `/metrics`. */
  targets: string[];
  /** Default `/metrics`. */
  metricsPath?: string;
}

export interface PrometheusOptions {
  scrape: ScrapeTarget[];
  /** Scrape interval in seconds; default 1 (the smallest Prometheus takes is 1 s in practice). */
  intervalSeconds?: number;
}

/** One sample of an instant-query vector. */
export interface VectorSample {
  metric: Record<string, string>;
  value: number;
}

export interface Prometheus {
  /** `http://127.0.0.1:<port>`: the address analysis templates name. */
  url: string;
  /** Runs an instant query through the HTTP API (`/api/v1/query`) and returns its vector. */
  query(promql: string): Promise<VectorSample[]>;
  /** Waits until every target has been scraped at least `scrapes` times after now. */
  waitForScrapes(scrapes?: number): Promise<void>;
  stop(): Promise<void>;
}

function binary(): string {
  try {
    return execFileSync('sh', ['-c', 'command -v prometheus'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error(PROMETHEUS_INSTALL_HINT);
  }
}

interface ApiAnswer<T> {
  status: 'success' | 'error';
  data: T;
  error?: string;
}

async function api<T>(url: string): Promise<T> {
  const res = await fetch(url);
  const body = (await res.json()) as ApiAnswer<T>;
  if (body.status !== 'success') throw new Error(`prometheus ${url}: ${res.status} ${body.error ?? ''}`);
  return body.data;
}

/**
 * Starts Debian's Prometheus (2.42) on a free port of 127.0.0.1, with a
 * temporary TSDB folder and a scrape config for the given targets, and waits
 * until it is ready. Prometheus is a real process: queries go through its
 * HTTP API exactly as an analysis provider's would.
 */
export async function startPrometheus(opts: PrometheusOptions): Promise<Prometheus> {
  const bin = binary();
  const dir = mkdtempSync(join(tmpdir(), 'flotilla-prometheus-'));
  const interval = opts.intervalSeconds ?? 1;
  const config = [
    'global:',
    `  scrape_interval: ${interval}s`,
    `  evaluation_interval: ${interval}s`,
    'scrape_configs:',
    ...opts.scrape.flatMap((s) => [
      `  - job_name: ${JSON.stringify(s.job)}`,
      `    metrics_path: ${JSON.stringify(s.metricsPath ?? '/metrics')}`,
      `    scrape_interval: ${interval}s`,
      `    scrape_timeout: ${interval}s`,
      '    static_configs:',
      `      - targets: ${JSON.stringify(s.targets)}`,
    ]),
    '',
  ].join('\n');
  writeFileSync(join(dir, 'prometheus.yml'), config);
  for (let attempt = 0; ; attempt++) {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    let errText = '';
    const child: ChildProcess = spawn(
      bin,
      [
        `--config.file=${join(dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${join(dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
        '--log.level=warn',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    // Always drain both pipes: a full pipe stalls the process.
    const collect = (chunk: Buffer) => {
      errText = `${errText}${chunk.toString('utf8')}`.slice(-4000);
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    const deadline = Date.now() + 20_000;
    let up = false;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) break;
      try {
        const res = await fetch(`${url}/-/ready`);
        await res.arrayBuffer();
        if (res.status === 200) {
          up = true;
          break;
        }
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    if (!up) {
      child.kill('SIGKILL');
      if (attempt < 2 && /address already in use/.test(errText)) continue;
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`prometheus did not become ready on ${url} within 20 s: ${errText}`);
    }
    const query = async (promql: string): Promise<VectorSample[]> => {
      const data = await api<{ resultType: string; result: { metric: Record<string, string>; value: [number, string] }[] }>(
        `${url}/api/v1/query?query=${encodeURIComponent(promql)}`,
      );
      if (data.resultType === 'scalar') {
        const v = data.result as unknown as [number, string];
        return [{ metric: {}, value: Number(v[1]) }];
      }
      return data.result.map((r) => ({ metric: r.metric, value: Number(r.value[1]) }));
    };
    const lastScrapes = async (): Promise<number[]> => {
      const data = await api<{ activeTargets: { lastScrape: string }[] }>(`${url}/api/v1/targets?state=active`);
      return data.activeTargets.map((t) => Date.parse(t.lastScrape));
    };
    return {
      url,
      query,
      async waitForScrapes(scrapes = 1) {
        const start = Date.now();
        const wanted = start + (scrapes - 1) * interval * 1000;
        const until = Date.now() + (scrapes + 10) * interval * 1000;
        while (Date.now() < until) {
          const times = await lastScrapes();
          if (times.length > 0 && times.every((t) => t > wanted)) return;
          await new Promise((r) => setTimeout(r, 200));
        }
        throw new Error(`prometheus at ${url} did not scrape every target ${scrapes} time(s) in time: ${errText}`);
      },
      async stop() {
        if (child.exitCode === null) {
          const exited = new Promise((r) => child.once('exit', r));
          child.kill('SIGTERM');
          await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
          if (child.exitCode === null) child.kill('SIGKILL');
        }
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
}
