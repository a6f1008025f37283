import { parse } from '@bytecodealliance/jco';
import { describe, expect, it } from 'vitest';
import { loadComponent } from '../../test/support/run-component.ts';
import { renderExposition } from '../serve/metrics.ts';
import { generateSplitter } from './generate.ts';
import { findStats, type InterposerReport, interposerFamilies, interposerMetricsSource } from './metrics.ts';
import { FLAT_API, flatApiWat } from './testdata/flat-api.ts';
import { composeInterposer } from './testdata/support.ts';

describe('interposer stats as Prometheus metrics', () => {
  it('finds the stats export of a running composition and renders counters and histograms with a version label', async () => {
    const stable = await parse(flatApiWat(0));
    const splitter = generateSplitter(stable, { interface: FLAT_API, weight: 10, label: 'flat-api' });
    const composed = await composeInterposer(splitter, FLAT_API, { stable, canary: await parse(flatApiWat(1)) }, { label: 'flat-api' });
    const { module, dispose } = await loadComponent(composed, 'metrics');
    try {
      const api = module.api as { add(a: number, b: number): number; check(x: number): number };
      for (let i = 0; i < 200; i++) api.add(i, i);
      for (let i = 0; i < 20; i++) {
        try {
          api.check(i);
        } catch {
          // odd: err
        }
      }
      const readers = findStats(module);
      expect(readers.map((r) => r.exportName)).toEqual(['flotilla-stats-flat-api']);
      // by the component's own export names, as a host that read the binary would
      expect(findStats(module, ['test:flat/api@1.0.0', 'flotilla-stats-flat-api']).map((r) => r.exportName)).toEqual([
        'flotilla-stats-flat-api',
      ]);
      const report = (readers[0] as { snapshot(): ReturnType<(typeof readers)[0]['snapshot']> }).snapshot();
      const text = renderExposition(interposerFamilies([{ report }]));
      const line = (name: string, fn: string, version: string, extra = '') =>
        `${name}{interposer="flat-api",interface="test:flat/api@1.0.0",function="${fn}",version="${version}"${extra}}`;
      expect(text).toContain(`${line('flotilla_interposer_calls_total', 'add', 'stable')} 180\n`);
      expect(text).toContain(`${line('flotilla_interposer_calls_total', 'add', 'canary')} 20\n`);
      expect(text).toContain(`${line('flotilla_interposer_calls_total', 'check', 'canary')} 2\n`);
      expect(text).toContain(`${line('flotilla_interposer_errors_total', 'check', 'stable')} 8\n`);
      expect(text).toContain(`${line('flotilla_interposer_latency_seconds_bucket', 'add', 'stable', ',le="+Inf"')} 180\n`);
      expect(text).toContain(`${line('flotilla_interposer_latency_seconds_count', 'add', 'stable')} 180\n`);
      expect(text).toContain('flotilla_interposer_weight{interposer="flat-api",interface="test:flat/api@1.0.0",role="splitter"} 10\n');
      // every family once, every sample line well-formed, buckets cumulative
      for (const family of ['calls_total', 'errors_total', 'latency_seconds', 'latency_max_seconds', 'weight', 'memory_bytes']) {
        expect(text.match(new RegExp(`^# TYPE flotilla_interposer_${family} `, 'gm'))?.length).toBe(1);
      }
      for (const l of text.trimEnd().split('\n')) {
        if (!l.startsWith('#')) expect(l).toMatch(/^[a-z_]+\{([a-z]+="[^"\\]*",?)+\} [0-9.e+-]+$/);
      }
      const buckets = [...text.matchAll(/latency_seconds_bucket\{[^}]*function="add",version="stable",le="[^"]+"\} (\d+)/g)].map((m) =>
        Number(m[1]),
      );
      expect(buckets.length).toBe(21);
      expect(buckets.every((b, i) => i === 0 || b >= (buckets[i - 1] as number))).toBe(true);
      expect(interposerFamilies([])).toEqual([]);
      // as a source of serve: every live instance, each labelled with its digest
      const families = interposerMetricsSource({
        instances: [
          { digest: 'sha256:aa', exports: module },
          { digest: 'sha256:bb', exports: {} },
        ],
      });
      const callsFamily = families.find((f) => f.name === 'flotilla_interposer_calls_total');
      expect(callsFamily?.type).toBe('counter');
      const add = (callsFamily?.samples ?? []).filter((x) => x.labels.function === 'add');
      expect(add.map((x) => [x.labels.version, x.labels.digest, (x as { value: number }).value])).toEqual([
        ['stable', 'sha256:aa', 180],
        ['canary', 'sha256:aa', 20],
      ]);
    } finally {
      await dispose();
    }
  });

  it('label values are escaped by the exposition', () => {
    const report: InterposerReport = {
      label: 'x',
      interfaceName: 'a"b\\c\nd',
      role: 'tap',
      weight: 0,
      sticky: null,
      bucketBoundsNs: [1000],
      functions: [],
      memoryBytes: 65536,
    };
    const text = renderExposition(interposerFamilies([{ report }]));
    expect(text).toContain('flotilla_interposer_memory_bytes{interposer="x",interface="a\\"b\\\\c\\nd"} 65536');
  });
});
