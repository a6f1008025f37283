import { describe, expect, it } from 'vitest';
import { histogramFromCounts, type MetricFamily, MetricsRegistry, renderExposition } from './metrics.ts';

describe('renderExposition (Prometheus text format 0.0.4)', () => {
  it('writes HELP and TYPE once per name, escapes label values and help, and merges families of one name', () => {
    const text = renderExposition([
      { name: 'x_total', help: 'a\\b\nc', type: 'counter', samples: [{ labels: { v: 'q"\\\n' }, value: 1 }] },
      { name: 'x_total', help: 'ignored', type: 'counter', samples: [{ labels: { v: 'two' }, value: 2.5 }] },
      { name: 'g', help: 'gauge', type: 'gauge', samples: [{ labels: {}, value: Number.POSITIVE_INFINITY }] },
    ]);
    expect(text).toBe(
      [
        '# HELP x_total a\\\\b\\nc',
        '# TYPE x_total counter',
        'x_total{v="q\\"\\\\\\n"} 1',
        'x_total{v="two"} 2.5',
        '# HELP g gauge',
        '# TYPE g gauge',
        'g +Inf',
        '',
      ].join('\n'),
    );
  });

  it('writes a histogram as cumulative _bucket lines ending in +Inf, then _sum and _count', () => {
    const sample = histogramFromCounts([1_000_000, 10_000_000], [2, 3, 1], 25_000_000, { function: 'get' });
    expect(sample).toEqual({
      labels: { function: 'get' },
      buckets: [
        { le: 0.001, count: 2 },
        { le: 0.01, count: 5 },
      ],
      sum: 0.025,
      count: 6,
    });
    expect(renderExposition([{ name: 'lat_seconds', help: 'h', type: 'histogram', samples: [sample] }])).toBe(
      [
        '# HELP lat_seconds h',
        '# TYPE lat_seconds histogram',
        'lat_seconds_bucket{function="get",le="0.001"} 2',
        'lat_seconds_bucket{function="get",le="0.01"} 5',
        'lat_seconds_bucket{function="get",le="+Inf"} 6',
        'lat_seconds_sum{function="get"} 0.025',
        'lat_seconds_count{function="get"} 6',
        '',
      ].join('\n'),
    );
    expect(() => histogramFromCounts([1], [1], 0, {})).toThrow('one count more than bounds');
  });
});

describe('MetricsRegistry', () => {
  it('counts, observes and exposes its own metrics', async () => {
    const r = new MetricsRegistry();
    const c = r.counter('req_total', 'requests', ['route']);
    c.inc(['/a']);
    c.inc(['/a']);
    c.inc(['/b'], 3);
    const h = r.histogram('d_seconds', 'durations', ['route'], [0.1, 1]);
    h.observe(['/a'], 0.05);
    h.observe(['/a'], 0.5);
    h.observe(['/a'], 5);
    const text = await r.render({ instances: [] });
    expect(text).toContain('req_total{route="/a"} 2\nreq_total{route="/b"} 3\n');
    expect(text).toContain(
      'd_seconds_bucket{route="/a",le="0.1"} 1\nd_seconds_bucket{route="/a",le="1"} 2\nd_seconds_bucket{route="/a",le="+Inf"} 3\n',
    );
    expect(text).toContain('d_seconds_sum{route="/a"} 5.55\nd_seconds_count{route="/a"} 3\n');
  });

  it('adds the families of sources at each scrape, with the live instances; removing a source removes them', async () => {
    const r = new MetricsRegistry();
    const seen: string[] = [];
    const remove = r.addSource(({ instances }) => {
      seen.push(...instances.map((i) => i.digest));
      return [
        { name: 'flotilla_interposer_calls_total', help: 'calls', type: 'counter', samples: [{ labels: { version: 'canary' }, value: 7 }] },
      ];
    });
    const ctx = { instances: [{ digest: 'sha256:aa', state: 'serving' as const, exports: {} }] };
    expect(await r.render(ctx)).toContain('flotilla_interposer_calls_total{version="canary"} 7\n');
    expect(seen).toEqual(['sha256:aa']);
    remove();
    expect(await r.render(ctx)).not.toContain('flotilla_interposer_calls_total');
  });

  it('skips a source that throws or returns a bad family, counts it, and still answers', async () => {
    const errors: unknown[] = [];
    const r = new MetricsRegistry((e) => errors.push(e));
    r.counter('own_total', 'own', []).inc();
    r.addSource(() => {
      throw new Error('snapshot trapped');
    });
    const bad: MetricFamily[][] = [
      [{ name: 'bad name', help: '', type: 'counter', samples: [] }],
      [{ name: 'ok_total', help: '', type: 'counter', samples: [{ labels: { __x: 'y' }, value: 1 }] }],
      [{ name: 'own_total', help: '', type: 'counter', samples: [] }],
      [{ name: 'h', help: '', type: 'histogram', samples: [{ labels: { le: '1' }, buckets: [], sum: 0, count: 0 }] }],
      [
        {
          name: 'h2',
          help: '',
          type: 'histogram',
          samples: [
            {
              labels: {},
              buckets: [
                { le: 2, count: 1 },
                { le: 1, count: 1 },
              ],
              sum: 0,
              count: 1,
            },
          ],
        },
      ],
    ];
    for (const families of bad) r.addSource(() => families);
    r.addSource(() => [{ name: 'good_total', help: 'fine', type: 'counter', samples: [{ labels: {}, value: 1 }] }]);
    const text = await r.render({ instances: [] });
    expect(text).toContain('good_total 1\n');
    expect(text).toContain('own_total 1\n');
    expect(text).toContain('flotilla_serve_metrics_source_errors_total 6\n');
    expect(errors.map(String)).toEqual([
      'Error: snapshot trapped',
      "Error: a metrics source returned a bad family: 'bad name' is not a metric name ([a-zA-Z_:][a-zA-Z0-9_:]*)",
      "Error: a metrics source returned a bad family: ok_total: '__x' is not a label name",
      "Error: a metrics source returned a bad family: own_total is one of serve's own metrics",
      "Error: a metrics source returned a bad family: h: a histogram's own label 'le' is reserved",
      'Error: a metrics source returned a bad family: h2: bucket bounds must ascend',
    ]);
  });
});
