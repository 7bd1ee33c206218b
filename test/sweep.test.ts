/**
 * The sweep's scheduling against a scripted executor (test/fake-executor.ts), issue 24: which
 * runs happen in which order, what becomes a row, when a target stops, what an abort keeps, and
 * what the store saves — in milliseconds, with no compiler or runtime installed. The same sweep
 * with real runtimes is tested end to end in measure.test.ts, failures.test.ts and store.test.ts.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { targetLabel, type RunRecord } from '../src/record.js';
import type { Target } from '../src/runtimes/adapter.js';
import type { Benchmark } from '../src/suite/manifest.js';
import { adaptivePolicy, fixedPolicy, needsMoreRuns, type RepPolicy } from '../src/measure/policy.js';
import { newSweepId, runSweep, type RunStore, type SweepRequest } from '../src/sweep/sweep.js';
import type { SweepEvent } from '../src/sweep/events.js';
import { cellKey, seriesOf } from '../src/store/keys.js';
import { Store } from '../src/store/store.js';
import { FakeExecutor, type FakeScript } from './fake-executor.js';

const work = mkdtempSync(join(tmpdir(), 'wasmlab-sweep-test-'));
after(() => rmSync(work, { recursive: true, force: true }));

const bench = (id = 'kern', over: Partial<Benchmark> = {}): Benchmark => ({
  id, group: 'fake', category: 'kernel', language: 'c', description: 'a scripted benchmark', origin: 'test',
  sources: ['main.c'], sizes: { mini: ['1'] }, check: 'stdout', dir: join(work, 'no-sources'), ...over,
});

/** "alpha", "alpha:fast" or "alpha:jit+aot" as a target. */
const target = (label: string): Target => {
  const [runtime, mode = 'default'] = label.replace(/\+aot$/, '').split(':');
  return { runtime: runtime!, mode, aot: label.endsWith('+aot') };
};

/**
 * Rows kept in memory behind the RunStore interface the sweep uses, for tests about what was
 * recorded or reused; one test runs the real Store (DuckDB) the same way. As the Store, a row
 * recorded again under the same run key (measured again) replaces the earlier one.
 */
class MemoryStore implements RunStore {
  readonly rows: RunRecord[] = [];
  async lookup(series: readonly string[]): Promise<Map<string, RunRecord[]>> {
    const out = new Map<string, RunRecord[]>();
    const current = new Map(this.rows.map((r) => [r.run_key, r]));
    for (const r of current.values()) {
      const s = seriesOf(r.run_key);
      if (series.includes(s)) (out.get(s) ?? out.set(s, []).get(s)!).push(r);
    }
    return out;
  }
  record(row: RunRecord): void {
    this.rows.push(row);
  }
}

interface Swept {
  rows: RunRecord[];
  events: SweepEvent[];
  exec: FakeExecutor;
}

type Ask = Partial<Omit<SweepRequest, 'targets'>> & { targets?: string[] };

/** One sweep of benchmark "kern" at -O2 over alpha and beta, 1 warm-up and 3 reps, unless `ask` says otherwise. */
async function sweep(script: FakeScript = {}, ask: Ask = {}, onRow?: (r: RunRecord) => void): Promise<Swept> {
  const exec = new FakeExecutor(script);
  const events: SweepEvent[] = [];
  const rows: RunRecord[] = [];
  const { targets = ['alpha', 'beta'], ...rest } = ask;
  for await (const r of runSweep({
    benchmarks: [bench()], targets: targets.map(target), opts: ['O2'], size: 'mini', policy: fixedPolicy(3, 1), counters: 'none',
    executor: exec, onEvent: (e) => events.push(e), ...rest,
  })) {
    rows.push(r);
    onRow?.(r);
  }
  return { rows, events, exec };
}

/** Each row as "target rep status". */
const brief = (rows: RunRecord[]) => rows.map((r) => `${targetLabel(r)} ${r.rep} ${r.status}`);
const of = (rows: RunRecord[], runtime: string) => rows.filter((r) => r.runtime === runtime);
const kernelMs = (rows: RunRecord[]) => rows.map((r) => (r.kernel_s === null ? null : Math.round(r.kernel_s * 1e6) / 1e3));
const lastProgress = (events: SweepEvent[]) => events.filter((e) => e.kind === 'progress').at(-1);

// ---- the schedule

test('interleaving: native reference first, warm-ups target by target, then measured reps round robin across targets', async () => {
  const { rows, exec } = await sweep({}, { targets: ['alpha', 'beta', 'gamma:fast'] });
  assert.deepEqual(exec.calls[0], { target: 'reference', purpose: 'reference', index: 0 }, 'the reference run comes first');
  assert.deepEqual(exec.schedule, [
    'alpha warm-up', 'beta warm-up', 'gamma:fast warm-up',
    'alpha measured', 'beta measured', 'gamma:fast measured',
    'alpha measured', 'beta measured', 'gamma:fast measured',
    'alpha measured', 'beta measured', 'gamma:fast measured',
  ]);
  assert.deepEqual(brief(rows), [
    'alpha 0 ok', 'beta 0 ok', 'gamma:fast 0 ok', 'alpha 1 ok', 'beta 1 ok', 'gamma:fast 1 ok', 'alpha 2 ok', 'beta 2 ok', 'gamma:fast 2 ok',
  ]);
  assert.equal(new Set(rows.map((r) => r.run_key)).size, 9, 'every row has its own run key');
  assert.deepEqual(exec.builds, ['kern native -O2', 'kern wasm -O2']);
});

test('warm-ups: run first, never recorded, never a row; their times are not in any row', async () => {
  const store = new MemoryStore();
  const { rows, exec, events } = await sweep({ runs: { alpha: [900, 800, 1, 2, 3] } }, { policy: fixedPolicy(3, 2), store, targets: ['alpha'] });
  assert.deepEqual(exec.schedule, ['alpha warm-up', 'alpha warm-up', 'alpha measured', 'alpha measured', 'alpha measured']);
  assert.deepEqual(kernelMs(rows), [1, 2, 3], 'the rows have the measured runs\' times only');
  assert.deepEqual(rows.map((r) => r.rep), [0, 1, 2]);
  assert.deepEqual(store.rows, rows, 'the store recorded exactly the measured rows');
  assert.ok(rows.every((r) => r.run_key !== ''));
  assert.deepEqual(lastProgress(events), { kind: 'progress', done: 3, total: 3, reused: 0, measured: 3, label: 'kern -O2 alpha rep 3' });
});

test('no warm-up asked for: none is run', async () => {
  const { exec } = await sweep({}, { policy: fixedPolicy(2, 0) });
  assert.deepEqual(exec.schedule, ['alpha measured', 'beta measured', 'alpha measured', 'beta measured']);
});

test('adaptive: a steady target stops as soon as its median\'s CI is within --ci; a noisy one goes on alone, round robin kept', async () => {
  const policy = adaptivePolicy(5, { warmup: 0, minRuns: 5, maxRuns: 30 });
  const { rows, exec } = await sweep({ runs: { alpha: (i) => 10 + (i % 3) * 0.1, beta: (i) => (i % 2 ? 10 : 20) } }, { policy });
  const alpha = of(rows, 'alpha').map((r) => r.kernel_s!);
  const beta = of(rows, 'beta').map((r) => r.kernel_s!);
  assert.ok(alpha.length < 30, `alpha stopped early (${alpha.length} runs)`);
  assert.equal(needsMoreRuns(policy, alpha), false, 'alpha\'s CI is within 5% at its last run');
  assert.equal(needsMoreRuns(policy, alpha.slice(0, -1)), true, '…and not one run earlier');
  assert.equal(beta.length, 30, 'beta never got within 5%: it ran to --max-runs');
  const firstAlone = 2 * alpha.length;
  assert.ok(exec.schedule.slice(0, firstAlone).every((c, i) => c.startsWith(i % 2 ? 'beta' : 'alpha')), 'alternating while both run');
  assert.ok(exec.schedule.slice(firstAlone).every((c) => c === 'beta measured'), 'beta alone after alpha stopped');
});

test('--max-runs caps an adaptive target that never reaches its CI', async () => {
  const policy = adaptivePolicy(1, { warmup: 1, minRuns: 3, maxRuns: 8 });
  const { rows } = await sweep({ runs: { alpha: (i) => 5 + (i % 4) * 3, beta: (i) => 50 - (i % 5) * 7 } }, { policy });
  assert.deepEqual(of(rows, 'alpha').map((r) => r.rep), [0, 1, 2, 3, 4, 5, 6, 7]);
  assert.deepEqual(of(rows, 'beta').map((r) => r.rep), [0, 1, 2, 3, 4, 5, 6, 7]);
});

test('adaptive: the max-time bound stops a target by the wall time its runs took', async () => {
  // 21 ms of wall time a run: 63 ms ≥ 50 ms after three runs; too few runs for a CI before that.
  const policy = adaptivePolicy(1, { warmup: 0, minRuns: 2, maxRuns: 50, maxTimeS: 0.05 });
  const { rows } = await sweep({ runs: { alpha: (i) => 20 + i } }, { policy, targets: ['alpha'] });
  assert.equal(rows.length, 3);
});

test('--min-time keeps a fast target running until its runs took that long in wall time', async () => {
  const policy: RepPolicy = { warmup: 0, minRuns: 1, maxRuns: 100, minTimeS: 0.1, maxTimeS: Infinity };
  const { rows } = await sweep({ runs: { alpha: () => 20, beta: () => 50 } }, { policy });
  assert.equal(of(rows, 'alpha').length, 5, '5 × 21 ms ≥ 100 ms');
  assert.equal(of(rows, 'beta').length, 2, '2 × 51 ms ≥ 100 ms');
});

test('a benchmark\'s own policy (a manifest\'s reps) applies to it alone, at every -O level', async () => {
  const exec = new FakeExecutor();
  const rows: RunRecord[] = [];
  for await (const r of runSweep({
    benchmarks: [bench('once', { reps: 1 }), bench('thrice')], targets: [target('alpha')], opts: ['O0', 'O2'], size: 'mini',
    policy: fixedPolicy(3, 0), benchPolicy: (b) => (b.reps ? fixedPolicy(b.reps, 0) : fixedPolicy(3, 0)), counters: 'none', executor: exec,
  })) rows.push(r);
  assert.deepEqual(rows.map((r) => `${r.benchmark} -${r.opt} ${r.rep}`), [
    'once -O0 0', 'once -O2 0', 'thrice -O0 0', 'thrice -O0 1', 'thrice -O0 2', 'thrice -O2 0', 'thrice -O2 1', 'thrice -O2 2',
  ]);
  assert.deepEqual(exec.builds, ['once native -O0', 'once wasm -O0', 'once native -O2', 'once wasm -O2',
    'thrice native -O0', 'thrice wasm -O0', 'thrice native -O2', 'thrice wasm -O2']);
});

test('one shard of a plan: only its targets, only its reps', async () => {
  const only = new Map([[cellKey('kern', 'O2', 'beta'), [1, 3]]]);
  const { rows, exec } = await sweep({}, { only, targets: ['alpha', 'beta'], policy: fixedPolicy(5, 1) });
  assert.deepEqual(brief(rows), ['beta 1 ok', 'beta 3 ok']);
  assert.deepEqual(exec.schedule, ['beta warm-up', 'beta measured', 'beta measured']);
});

// ---- failures

test('a failed run is a row with its reason; that target gets no more reps, the others go on', async () => {
  const store = new MemoryStore();
  const { rows, exec } = await sweep({ runs: { alpha: [10, { status: 'crashed', reason: 'SIGSEGV: scripted' }] } }, { policy: fixedPolicy(3, 0), store });
  assert.deepEqual(brief(rows), ['alpha 0 ok', 'beta 0 ok', 'alpha 1 crashed', 'beta 1 ok', 'beta 2 ok']);
  const crashed = rows[2]!;
  assert.equal(crashed.reason, 'SIGSEGV: scripted');
  assert.equal(crashed.kernel_s, null);
  assert.notEqual(crashed.run_key, '', 'a failure row has its run key, so the store keeps it');
  assert.equal(exec.schedule.filter((c) => c.startsWith('alpha')).length, 2, 'no third run of alpha');
  assert.deepEqual(store.rows, rows);
});

test('a timeout is a row naming it; the time limit comes from the request', async () => {
  const { rows } = await sweep({ runs: { beta: [{ status: 'timeout', reason: 'killed with its process group after 7 s' }] } }, { policy: fixedPolicy(2, 0), timeoutS: 7 });
  assert.deepEqual(brief(rows), ['alpha 0 ok', 'beta 0 timeout', 'alpha 1 ok']);
  assert.equal(rows[1]!.wall_s, 7, 'the run was given --timeout 7');
  assert.match(rows[1]!.reason, /after 7 s/);
});

test('a failed warm-up is reported once, as a row of rep 0 that is recorded; its target is not measured', async () => {
  const store = new MemoryStore();
  const { rows, exec, events } = await sweep(
    { runs: { alpha: [{ status: 'nonzero-exit', reason: 'exit 3: scripted' }] } }, { policy: fixedPolicy(3, 2), store },
  );
  assert.deepEqual(brief(rows), ['alpha 0 nonzero-exit', 'beta 0 ok', 'beta 1 ok', 'beta 2 ok']);
  assert.notEqual(rows[0]!.run_key, '');
  assert.deepEqual(exec.schedule, ['alpha warm-up', 'beta warm-up', 'beta warm-up', 'beta measured', 'beta measured', 'beta measured']);
  assert.deepEqual(store.rows, rows);
  const p = lastProgress(events);
  assert.ok(p?.kind === 'progress' && p.done === p.total && p.measured === 3, 'alpha\'s 3 reps are counted as done (skipped)');
});

test('a runtime that is not here is one row with the reason and the fix; it is never run', async () => {
  const { rows, exec } = await sweep({ unavailable: { beta: 'beta not found on PATH' } });
  assert.deepEqual(brief(rows), ['beta 0 unavailable', 'alpha 0 ok', 'alpha 1 ok', 'alpha 2 ok']);
  assert.equal(rows[0]!.reason, 'beta not found on PATH — fix: install beta');
  assert.ok(!exec.calls.some((c) => c.target === 'beta'));
});

test('a failed wasm build is a row for each wasm target; native is still measured', async () => {
  const { rows, exec, events } = await sweep({ buildFails: ['wasm'] }, { targets: ['native', 'alpha', 'beta'] });
  assert.deepEqual(brief(rows), ['alpha 0 build-failed', 'beta 0 build-failed', 'native 0 ok', 'native 1 ok', 'native 2 ok']);
  assert.match(rows[0]!.reason, /scripted compile error/);
  assert.deepEqual(exec.schedule, ['native warm-up', 'native measured', 'native measured', 'native measured']);
  assert.ok(events.some((e) => e.kind === 'build-failed' && e.target === 'wasm'));
});

test('output unlike native\'s reference is wrong-output on every rep, with its time kept; matching output is output_ok', async () => {
  const { rows } = await sweep({ runs: { beta: (i) => ({ ms: 10 + i, output: 'garbage' }) } }, { policy: fixedPolicy(3, 0) });
  assert.deepEqual(brief(of(rows, 'beta')), ['beta 0 wrong-output', 'beta 1 wrong-output', 'beta 2 wrong-output']);
  assert.ok(of(rows, 'beta').every((r) => r.output_ok === false && r.reason === "output differs from native's (stdout)"));
  assert.deepEqual(kernelMs(of(rows, 'beta')), [10, 11, 12]);
  assert.ok(of(rows, 'alpha').every((r) => r.output_ok === true && r.status === 'ok'));
});

test('a failed reference run: one warning, and rows that say there was nothing to compare with', async () => {
  const { rows, events } = await sweep({ reference: { status: 'crashed', reason: 'SIGILL' } }, { policy: fixedPolicy(2, 0) });
  assert.equal(events.filter((e) => e.kind === 'warning' && /native reference run of kern failed \(crashed: SIGILL\)/.test(e.message)).length, 1);
  assert.ok(rows.every((r) => r.status === 'ok' && r.output_ok === null && r.reason === 'no native reference output to compare with'));
});

test('AOT: a +aot target runs the compiled artifact and its rows carry the compile time; a failed AOT compile is a row', async () => {
  const { rows, exec, events } = await sweep({ aotFails: ['beta'] }, { targets: ['alpha:jit', 'alpha:jit+aot', 'beta+aot'], policy: fixedPolicy(1, 0) });
  assert.deepEqual(brief(rows), ['beta+aot 0 aot-failed', 'alpha:jit 0 ok', 'alpha:jit+aot 0 ok']);
  assert.match(rows[0]!.reason, /scripted AOT failure/);
  const [jit, aot] = [rows[1]!, rows[2]!];
  assert.equal(aot.aot_compile_s, 0.5);
  assert.equal(jit.aot_compile_s, null);
  assert.equal(jit.compile_only_s, 0.5, 'a JIT mode with an AOT compiler gets its compile-only time');
  assert.match(exec.specs.at(-1)!.cmd.argv[1]!, /\.wasm\.aot$/, 'the +aot target runs the AOT artifact');
  assert.deepEqual(events.filter((e) => e.kind === 'aot').map((e) => e.kind === 'aot' && `${e.target} ${e.compileOnly}`), ['alpha:jit true', 'alpha:jit+aot false']);
});

test('perf counters: measured runs open them, warm-ups never do; a run without counts says so in its row', async () => {
  const { rows, exec } = await sweep({}, { counters: 'perf', targets: ['alpha'], policy: fixedPolicy(2, 1) });
  assert.deepEqual(exec.calls.map((c, i) => `${c.purpose} ${exec.specs[i]!.perf}`), ['reference false', 'warm-up false', 'measured true', 'measured true']);
  assert.ok(rows.every((r) => r.counter_source === 'perf' && r.instructions === null && /perf counters failed/.test(r.counter_note)));
});

test('a prebuilt module (run --wasm): no native build; the first runtime\'s output is the reference', async () => {
  const wasm = bench('mod', { prebuilt: { wasm: join(work, 'mod.wasm') } });
  const exec = new FakeExecutor({ runs: { beta: (i) => ({ ms: 10 + i, output: 'other' }) } });
  const rows: RunRecord[] = [];
  for await (const r of runSweep({ benchmarks: [wasm], targets: ['alpha', 'beta'].map(target), opts: ['O2'], size: 'mini', policy: fixedPolicy(1, 0), counters: 'none', executor: exec })) rows.push(r);
  assert.deepEqual(exec.builds, ['mod wasm -O2']);
  assert.equal(exec.specs[0]!.cmd.argv[0], 'alpha', 'the reference run is a run of the first runtime');
  assert.deepEqual(brief(rows), ['alpha 0 ok', 'beta 0 wrong-output']);
  assert.equal(rows[1]!.reason, "output differs from the first runtime's (stdout)");
});

// ---- cancellation

test('an abort during a run stops the sweep at once: the rows measured before it are kept and recorded', async () => {
  const ac = new AbortController();
  const store = new MemoryStore();
  const { rows, exec } = await sweep({
    onRun: (c) => { if (c.target === 'beta' && c.purpose === 'measured' && c.index === 2) ac.abort(); },
  }, { signal: ac.signal, store });
  assert.deepEqual(brief(rows), ['alpha 0 ok', 'beta 0 ok', 'alpha 1 ok']);
  assert.deepEqual(store.rows, rows, 'what was yielded was recorded, and nothing else');
  assert.deepEqual(exec.calls.at(-1), { target: 'beta', purpose: 'measured', index: 2 }, 'nothing ran after the aborted run');
});

test('an abort between rows (Ctrl-C while reading them) ends the sweep before the next run starts anything', async () => {
  const ac = new AbortController();
  const { rows, exec } = await sweep({}, { signal: ac.signal, policy: fixedPolicy(3, 0) }, (r) => { if (r.rep === 1 && r.runtime === 'alpha') ac.abort(); });
  assert.deepEqual(brief(rows), ['alpha 0 ok', 'beta 0 ok', 'alpha 1 ok']);
  assert.ok(exec.schedule.length <= 4, 'at most the one run that found the sweep aborted');
});

// ---- the store

/** A sweep recorded in a real store, as a front runs it (begin, rows, end). */
async function sweepInto(store: Store, script: FakeScript, ask: Ask = {}): Promise<Swept> {
  const sweepId = newSweepId();
  store.beginSweep({ sweep_id: sweepId, plan_id: '', request: {}, provenance: {}, fresh: false });
  try {
    return await sweep(script, { ...ask, store, sweepId });
  } finally {
    await store.endSweep('done', { reused: 0, measured: 0 });
  }
}

const same = (r: RunRecord) => [r.run_key, r.status, r.kernel_s, r.wall_s, r.reason];

test('reuse: a sweep the (real) store has runs nothing, not even the reference, and returns the stored rows in their order', async () => {
  const store = new Store(join(work, 'reuse.duckdb'));
  const first = await sweepInto(store, { runs: { alpha: (i) => 10 + i, beta: (i) => 20 + i } });
  const again = await sweepInto(store, {});
  assert.deepEqual(again.exec.calls, [], 'the executor was not asked to run anything');
  assert.deepEqual(again.rows.map(same), first.rows.map(same));
  assert.deepEqual(again.events.filter((e) => e.kind === 'reused').map((e) => e.kind === 'reused' && `${e.target} ${e.runs}`), ['alpha 3', 'beta 3']);
  const p = lastProgress(again.events);
  assert.ok(p?.kind === 'progress' && p.reused === 6 && p.measured === 0 && p.done === 6);
});

test('--fresh measures everything again although the store has it', async () => {
  const store = new MemoryStore();
  await sweep({}, { store });
  const fresh = await sweep({}, { store, fresh: true });
  assert.equal(fresh.exec.schedule.filter((c) => c.endsWith('measured')).length, 6);
  assert.equal(store.rows.length, 12);
});

test('reuse: more reps than stored measures only the missing ones (after a reference and warm-ups)', async () => {
  const store = new MemoryStore();
  const first = await sweep({}, { policy: fixedPolicy(2, 1), store });
  const more = await sweep({ runs: { alpha: [1, 33], beta: [1, 44] } }, { policy: fixedPolicy(3, 1), store });
  assert.equal(more.exec.calls[0]?.purpose, 'reference');
  assert.deepEqual(more.exec.schedule, ['alpha warm-up', 'beta warm-up', 'alpha measured', 'beta measured']);
  assert.deepEqual(more.rows.slice(0, 4), first.rows, 'reps 0 and 1 from the store');
  assert.deepEqual(brief(more.rows.slice(4)), ['alpha 2 ok', 'beta 2 ok']);
  assert.deepEqual(kernelMs(more.rows.slice(4)), [33, 44]);
});

test('reuse: a stored timeout is measured again; a stored crash is kept (it says something about the program)', async () => {
  const store = new MemoryStore();
  await sweep({ runs: { alpha: [{ status: 'timeout' }], beta: [10, { status: 'crashed' }] } }, { policy: fixedPolicy(2, 0), store });
  const again = await sweep({}, { policy: fixedPolicy(2, 0), store });
  assert.deepEqual(again.exec.schedule, ['alpha measured', 'alpha measured']);
  assert.deepEqual(brief(again.rows), ['beta 0 ok', 'beta 1 crashed', 'alpha 0 ok', 'alpha 1 ok']);
});

// ---- dry run

test('a dry run builds and prepares, tells onPlanned every run it would make, and runs nothing', async () => {
  const planned: string[] = [];
  const { rows, exec } = await sweep({}, { dryRun: true, onPlanned: (p) => planned.push(`${p.target} ${p.rep} ${p.runtime_version} ${p.run_key.length > 0}`) });
  assert.deepEqual(rows, []);
  assert.deepEqual(exec.calls, []);
  assert.deepEqual(exec.builds, ['kern native -O2', 'kern wasm -O2']);
  assert.deepEqual(planned, ['alpha 0 alpha 1.0 true', 'alpha 1 alpha 1.0 true', 'alpha 2 alpha 1.0 true', 'beta 0 beta 1.0 true', 'beta 1 beta 1.0 true', 'beta 2 beta 1.0 true']);
});
