/** The measurement engine with real processes: adaptive repetitions, MRSS, counters, rows on failure. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bench } from '../src/api.js';
import { perfAvailability } from '../src/measure/counters/perf.js';
import { valgrindPath } from '../src/measure/counters/valgrind.js';
import { medianCI, needsMoreRuns, adaptivePolicy } from '../src/measure/policy.js';
import { outlierFlags } from '../src/measure/outliers.js';
import { tempBenchmark } from './helpers.js';

const SLEEPER = (body: string) => `#include "wasmlab.h"
#include <unistd.h>
int main(void) { wl_kernel_begin(); ${body} wl_kernel_end(); printf("done\\n"); return 0; }
`;

test('adaptive repetitions stop early on a stable program and run on for a noisy one', async () => {
  // 150 ms of sleep: scheduling jitter of a busy machine (a few ms) stays well inside ±10%.
  const stable = tempBenchmark('stable', SLEEPER('usleep(150000);'));
  // Noise from the clock's low bits: 5–205 ms, different every run.
  const noisy = tempBenchmark('noisy', SLEEPER('usleep(5000 + (unsigned)(wl_now_ns() / 1000) % 200000);'));
  const req = { runtimes: ['native'], reps: 'adaptive' as const, ci: 10, minRuns: 5, maxRuns: 15, warmup: 0 };
  const s = await bench({ ...req, benchmarks: [stable] });
  const n = await bench({ ...req, benchmarks: [noisy] });
  assert.ok(s.every((r) => r.status === 'ok') && n.every((r) => r.status === 'ok'));
  assert.ok(s.length < n.length, `stable took ${s.length} runs, noisy ${n.length}`);
  assert.equal(n.length, 15, 'the noisy program runs to --max-runs');
  assert.ok(s.length <= 10, `stable should stop near --min-runs, took ${s.length}`);
});

test('the median CI and the stopping rule', () => {
  assert.equal(medianCI([1, 2, 3]), null);
  const ci = medianCI([10, 10, 10, 10, 10, 10, 10, 10])!;
  assert.deepEqual([ci.lo, ci.median, ci.hi], [10, 10, 10]);
  const p = adaptivePolicy(2, { minRuns: 5, maxRuns: 10 });
  assert.equal(needsMoreRuns(p, [1, 1, 1, 1]), true, 'below min runs');
  assert.equal(needsMoreRuns(p, [1, 1, 1, 1, 1, 1]), false, 'stable');
  assert.equal(needsMoreRuns(p, [1, 2, 1, 3, 1, 2]), true, 'noisy');
  assert.equal(needsMoreRuns(p, Array(10).fill(0).map((_, i) => i + 1)), false, 'max runs');
});

test('outliers are flagged by modified z-score, not dropped', () => {
  assert.deepEqual(outlierFlags([1, 1.01, 0.99, 1, 5]), [false, false, false, false, true]);
  assert.deepEqual(outlierFlags([1, 2]), [null, null], 'too few runs: not evaluated');
  assert.deepEqual(outlierFlags([1.4, 1.41, 1.48]), [null, null, null], 'too few runs to call one an outlier: not evaluated');
});

test('MRSS grows with a program that allocates more', async () => {
  const alloc = (mb: number) => tempBenchmark(`alloc${mb}`, `#include "wasmlab.h"
int main(void) { size_t n = (size_t)${mb} << 20; char *p = malloc(n); memset(p, 1, n);
  wl_checksum_bytes("p", p, 4096); free(p); return 0; }
`);
  const rows = await bench({ benchmarks: [alloc(4), alloc(96)], runtimes: ['native', 'wasmtime:cranelift'], reps: 1 });
  for (const rt of ['native', 'wasmtime']) {
    const [small, big] = rows.filter((r) => r.runtime === rt);
    if (!small || small.status === 'unavailable') continue; // doctor test reports missing runtimes
    assert.equal(small.status, 'ok', small.reason);
    assert.ok(big!.maxrss_kb! - small.maxrss_kb! > 80 * 1024, `${rt}: ${small.maxrss_kb} → ${big!.maxrss_kb} KiB`);
  }
});

test('simulated counters: valgrind gives identical instruction counts for two runs of one native binary', async (t) => {
  if (!valgrindPath()) { t.skip('valgrind is not installed (bash setup/setup.sh installs it)'); return; }
  const b = tempBenchmark('counted', '#include "wasmlab.h"\nint main(void){ double s=0; for(int i=1;i<200000;i++) s+=1.0/i; printf("%.6f\\n", s); return 0; }\n');
  const rows = await bench({ benchmarks: [b], runtimes: ['native'], reps: 2, counters: 'valgrind' });
  assert.equal(rows.length, 2);
  for (const r of rows) {
    assert.equal(r.counter_source, 'valgrind');
    assert.ok(r.instructions! > 200000, `instructions ${r.instructions}`);
    assert.ok(r.branches! > 0 && r.branch_misses !== null && r.cache_references !== null);
    assert.equal(r.cycles, null, 'no cycles under simulation');
    assert.equal(r.ipc, null);
    assert.match(r.counter_note, /no cycles/);
    assert.ok(r.wall_s! > 0, 'the timing comes from the normal run');
  }
  assert.equal(rows[0]!.instructions, rows[1]!.instructions);
});

test('hardware counters through perf_event_open', async (t) => {
  const perf = await perfAvailability();
  if (!perf.ok) { t.skip(`hardware counters not available on this machine: ${perf.reason}`); return; }
  const b = tempBenchmark('perf', '#include "wasmlab.h"\nint main(void){ volatile long s=0; for(long i=0;i<5000000;i++) s+=i; printf("%ld\\n", (long)s); return 0; }\n');
  const rows = await bench({ benchmarks: [b], runtimes: ['native'], reps: 1, counters: 'perf' });
  const r = rows[0]!;
  assert.equal(r.counter_source, 'perf');
  assert.ok(r.instructions! > 5_000_000 && r.cycles! > 0 && r.ipc! > 0);
});

test('a failing program is a row with its reason, and the sweep goes on', async () => {
  const crash = tempBenchmark('crash', '#include "wasmlab.h"\nint main(void){ fprintf(stderr, "boom\\n"); return 3; }\n');
  const ok = tempBenchmark('fine', '#include "wasmlab.h"\nint main(void){ printf("fine\\n"); return 0; }\n');
  const rows = await bench({ benchmarks: [crash, ok], runtimes: ['native'], reps: 2 });
  const c = rows.filter((r) => r.benchmark === 'test/crash');
  assert.equal(c.length, 1, 'a failing target is reported once');
  assert.equal(c[0]!.status, 'nonzero-exit');
  assert.match(c[0]!.reason, /exit 3: boom/);
  assert.equal(rows.filter((r) => r.benchmark === 'test/fine' && r.status === 'ok').length, 2);
});

test('an aborted sweep resolves with the rows measured so far', async () => {
  const slow = tempBenchmark('slow', SLEEPER('usleep(200000);'));
  const ac = new AbortController();
  const seen: number[] = [];
  const t0 = Date.now();
  const rows = await bench({
    benchmarks: [slow], runtimes: ['native'], reps: 50, warmup: 0, signal: ac.signal,
    onRecord: (r) => { seen.push(r.rep); if (seen.length === 3) ac.abort(); },
  });
  assert.equal(rows.length, 3);
  assert.ok(Date.now() - t0 < 5000);
});
