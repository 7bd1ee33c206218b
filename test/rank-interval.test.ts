/** Rank intervals (src/analysis/rank-interval.ts) on synthetic rows whose true order is known. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rankIntervals, rankText } from '../src/analysis/rank-interval.js';
import { syntheticRows } from '../src/analysis/synthetic.js';

const native = { runtime: 'native', mode: 'default', ratio: 1 };

test('far-apart targets get their true ranks with intervals of one rank', () => {
  const rows = syntheticRows({
    benchmarks: 30, reps: 5, seed: 3, benchSigma: 0.2,
    targets: [native, { runtime: 'jit', mode: 'a', ratio: 1.3 }, { runtime: 'interp', mode: 'b', ratio: 12 }, { runtime: 'base', mode: 'c', ratio: 3.5 }],
  });
  const r = rankIntervals(rows, { resamples: 2000 });
  assert.deepEqual(r.rows.map((x) => x.subject), ['jit:a', 'base:c', 'interp:b']);
  assert.deepEqual(r.rows.map((x) => [x.rank, x.rank_low, x.rank_high]), [[1, 1, 1], [2, 2, 2], [3, 3, 3]]);
  assert.equal(r.rows[0]!.p_first, 1);
  assert.equal(r.rows[0]!.benchmarks, 30);
  assert.deepEqual(r.dropped, []);
  assert.equal(rankText(r.rows[1]!), '2');
});

test('two targets a hair apart share an interval that covers both ranks', () => {
  const rows = syntheticRows({
    benchmarks: 12, reps: 5, seed: 11, benchSigma: 0.3,
    targets: [native, { runtime: 'x', mode: 'a', ratio: 1.5 }, { runtime: 'y', mode: 'b', ratio: 1.52 }, { runtime: 'z', mode: 'c', ratio: 20 }],
  });
  const r = rankIntervals(rows, { resamples: 4000 });
  const x = r.rows.find((t) => t.subject === 'x:a')!, y = r.rows.find((t) => t.subject === 'y:b')!;
  for (const t of [x, y]) {
    assert.deepEqual([t.rank_low, t.rank_high], [1, 2], `${t.subject}: ${rankText(t)}`);
    assert.ok(t.p_first > 0.05 && t.p_first < 0.95, `${t.subject} first in ${t.p_first}`);
  }
  assert.ok(Math.abs(x.p_first + y.p_first - 1) < 1e-9, 'one of the two is first in every resample');
  assert.deepEqual([r.rows[2]!.rank_low, r.rows[2]!.rank_high], [3, 3]);
  assert.match(rankText(x), /^\d \(1–2\)$/);
});

test('a benchmark one target lacks is dropped for all, and named', () => {
  const rows = syntheticRows({ benchmarks: 6, reps: 3, seed: 5, targets: [native, { runtime: 'p', mode: 'a', ratio: 2 }, { runtime: 'q', mode: 'b', ratio: 4 }] })
    .filter((row) => !(row.runtime === 'q' && row.benchmark === 'synthetic/b02'));
  const r = rankIntervals(rows, { resamples: 500 });
  assert.equal(r.rows[0]!.benchmarks, 5);
  assert.equal(r.dropped.length, 1);
  assert.match(r.dropped[0]!, /synthetic\/b02 .*missing on q:b/);
});

test('the same seed gives the same intervals; the metric and baseline are reported', () => {
  const rows = syntheticRows({ benchmarks: 10, reps: 3, seed: 2 });
  const a = rankIntervals(rows, { resamples: 1000, seed: 9 }), b = rankIntervals(rows, { resamples: 1000, seed: 9 });
  assert.deepEqual(a, b);
  assert.equal(a.metric, 'kernel_s');
  assert.equal(a.baseline, 'native');
  assert.throws(() => rankIntervals([], {}), /baseline "native" is not in the rows/);
});

test('benchmarks alone in their suite group are pooled for resampling, not frozen', () => {
  // Three benchmarks, each the only one of its group (what a quick run of gemm, crc32, quicksort is).
  const rows = syntheticRows({
    benchmarks: 3, reps: 3, seed: 8, benchSigma: 0.5,
    targets: [native, { runtime: 'x', mode: 'a', ratio: 1.5 }, { runtime: 'y', mode: 'b', ratio: 1.55 }],
  }).map((r) => ({ ...r, benchmark: `g${String(r.benchmark).slice(-1)}/${String(r.benchmark).split('/')[1]}` }));
  const r = rankIntervals(rows, { resamples: 2000 });
  assert.ok(r.rows.some((x) => x.rank_low !== x.rank_high), `every interval one rank: ${r.rows.map(rankText).join(', ')}`);
});
