/**
 * Issue 19, "numbers that must mean what they say" and "options that are ignored must work or be
 * refused": each test here fails on the code before that issue.
 */
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { bench, benchSource, profile, profileCounters, UsageError } from '../src/api.js';
import { sweepRequest, parseSweepArgs } from '../src/cli/args.js';
import { launch, parseResult } from '../src/measure/launch.js';
import { flagOutliers } from '../src/measure/flag.js';
import { needsMoreRuns, fixedPolicy, adaptivePolicy } from '../src/measure/policy.js';
import { collectSweepInfo } from '../src/measure/provenance.js';
import { valgrindPath, wrapWithCachegrind } from '../src/measure/counters/valgrind.js';
import { COUNTER_CHOICES, RECORD_COLUMNS, type RunRecord } from '../src/record.js';
import { buildBenchmark, OPT_LEVELS } from '../src/toolchain/build.js';
import { readManifest } from '../src/suite/manifest.js';
import { findMagic } from '../kernel/magics/table.js';
import { repoRoot } from '../src/paths.js';
import { availableTargets, tempBenchmark, wasmlab } from './helpers.js';

test('no made-up zeros: a time or counter the launcher did not report is null, with the reason', () => {
  const r = parseResult('{"run":0,"maxrss_kb":10,"exit_code":0,"signal":null,"timed_out":false,"stopped":false}', false)!;
  assert.equal(r.wall_s, null);
  assert.equal(r.user_s, null);
  assert.equal(r.sys_s, null);
  assert.match(r.note!, /no wall_ns, user_us, sys_us/);
  const c = parseResult('{"run":0,"wall_ns":1000,"user_us":1,"sys_us":2,"maxrss_kb":10,"exit_code":0,"signal":null,'
    + '"timed_out":false,"stopped":false,"counters":{"cycles":null,"instructions":500,"branches":null}}', false)!;
  assert.equal(c.wall_s, 1e-6);
  assert.equal(c.note, null);
  assert.deepEqual(c.counters, { instructions: 500 }, 'an unread counter is absent, not 0');
  assert.match(c.counter_error!, /not counted: cycles, branches/);
});

test('the launcher prints null, not 0, for a counter it could not read', () => {
  // The launcher's source is the contract: every counter value goes through the null branch.
  const c = readFileSync(join(repoRoot, 'drivers/launcher.c'), 'utf8');
  assert.match(c, /v\[2\] == 0\) \{ printf\("null"\)/);
  assert.doesNotMatch(c, /v\[2\] \? .* : 0;/);
});

test('columns: compile_only_s (not a "jit_compile_s" that was a separate process) and counter_scope', () => {
  assert.ok(RECORD_COLUMNS.includes('compile_only_s'));
  assert.ok(!RECORD_COLUMNS.includes('jit_compile_s' as keyof RunRecord));
  assert.ok(RECORD_COLUMNS.includes('counter_scope'));
});

function row(over: Partial<RunRecord>): RunRecord {
  return { benchmark: 'b', size: 'mini', opt: 'O2', runtime: 'native', mode: 'default', aot: false, host_id: 'h', status: 'ok', ...over } as RunRecord;
}

test('one primary metric: outlier flags look at kernel_s, or wall_s without a timed region; null when not evaluated', () => {
  // wall_s has an outlier (start-up noise), kernel_s does not: kernel_s is what is analysed.
  const walls = [1, 1.01, 0.99, 1, 9];
  const kernels = [0.5, 0.51, 0.49, 0.5, 0.5];
  const flagged = flagOutliers(walls.map((w, i) => row({ wall_s: w, kernel_s: kernels[i]! })));
  assert.deepEqual(flagged.map((r) => r.outlier), [false, false, false, false, false]);
  const noRegion = flagOutliers(walls.map((w) => row({ wall_s: w, kernel_s: null })));
  assert.deepEqual(noRegion.map((r) => r.outlier), [false, false, false, false, true]);
  const few = flagOutliers(walls.slice(0, 3).map((w) => row({ wall_s: w, kernel_s: w })));
  assert.deepEqual(few.map((r) => r.outlier), [null, null, null]);
  // Adaptive stopping: the CI is on the values given (the primary metric), time bounds on wall time spent.
  const p = adaptivePolicy(2, { minRuns: 6, minTimeS: 10 });
  assert.equal(needsMoreRuns(p, [1, 1, 1, 1, 1, 1], 12), false, 'stable values, enough wall time');
  assert.equal(needsMoreRuns(p, [1, 1, 1, 1, 1, 1], 6), true, 'min time counts wall time, not the metric');
  assert.equal(needsMoreRuns(fixedPolicy(3), [1, 2, 3]), false);
  assert.match(collectSweepInfo('s', {}).primary_metric, /^kernel_s; wall_s for a program without a timed region/);
});

test('a sweep records the primary metric in its provenance', async () => {
  const b = tempBenchmark('metric', '#include "wasmlab.h"\nint main(void){ printf("x\\n"); return 0; }\n');
  let info: { primary_metric?: string } | undefined;
  await bench({ benchmarks: [b], runtimes: ['native'], reps: 1, warmup: 0, onSweep: (i) => { info = i; } });
  assert.match(info!.primary_metric!, /kernel_s/);
});

test('options are refused rather than ignored: profile --counters none, --ci/--min-runs/--max-runs without adaptive', async () => {
  assert.throws(() => profileCounters('none'), UsageError);
  assert.equal(profileCounters(undefined), 'auto');
  await assert.rejects(profile({ benchmarks: ['gemm'], runtimes: ['native'], counters: 'none' }), /contradicts/);
  const r = await wasmlab(['profile', '-b', 'gemm', '-r', 'native', '--counters', 'none'], { reject: false });
  assert.equal(r.exitCode, 2);
  assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  for (const flag of ['--ci', '--min-runs', '--max-runs']) {
    assert.throws(() => sweepRequest(parseSweepArgs(['-b', 'gemm', flag, '5']).values), /only applies with --reps adaptive/, flag);
    assert.throws(() => sweepRequest(parseSweepArgs(['-b', 'gemm', '--reps', '3', flag, '5']).values), /only applies with --reps adaptive/, flag);
  }
  assert.doesNotThrow(() => sweepRequest(parseSweepArgs(['-b', 'gemm', '--reps', 'adaptive', '--ci', '5', '--max-runs', '9']).values));
  await assert.rejects(bench({ benchmarks: ['gemm'], runtimes: ['native'], reps: 3, ci: 5 }), /only applies with reps "adaptive"/);
  for (const reps of [-1, 0, 1e9, 2.5]) await assert.rejects(bench({ benchmarks: ['gemm'], runtimes: ['native'], reps }), UsageError, String(reps));
});

test('%%bench keeps the size asked for instead of forcing mini', async () => {
  const rows = await benchSource('#include <stdio.h>\nint main(void){ puts("hi"); return 0; }\n',
    { runtimes: ['native'], size: 'small', reps: 1, warmup: 0 });
  assert.ok(rows.length > 0);
  for (const r of rows) { assert.equal(r.size, 'small'); assert.equal(r.status, 'ok', r.reason); }
  const flags = findMagic('bench', 'cell')!.args.flags.map((f) => f.long);
  assert.ok(flags.includes('size'), '%%bench accepts --size');
});

test('one definition each: -O levels, counter choices, the median', () => {
  const opt = findMagic('bench', 'line')!.args.flags.find((f) => f.long === 'opt')!;
  assert.equal(opt.choices, OPT_LEVELS, 'the magics use the toolchain\'s list itself');
  const counters = findMagic('bench', 'line')!.args.flags.find((f) => f.long === 'counters')!;
  assert.equal(counters.choices, COUNTER_CHOICES);
  // No second literal list of either, anywhere in the core or the kernel.
  const lists = /'O0', 'O1', 'O2', 'O3', 'Os'|'none' \| 'auto' \| 'perf' \| 'valgrind'|\['none', 'auto', 'perf', 'valgrind'\]/;
  const walk = (dir: string): string[] => readdirSync(join(repoRoot, dir), { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
  for (const f of [...walk('src'), ...walk('kernel')]) {
    if (f === join('src', 'record.ts') || f === join('src', 'toolchain', 'build.ts')) continue;
    // src/plot and src/analysis belong to other work in progress (src/plot/olevels.ts has a list of its own).
    if (f.startsWith(join('src', 'plot')) || f.startsWith(join('src', 'analysis'))) continue;
    assert.doesNotMatch(readFileSync(join(repoRoot, f), 'utf8'), lists, `${f} has its own list`);
  }
  // No private median left in the measure layer: it imports src/analysis/aggregate.ts's.
  for (const f of readdirSync(join(repoRoot, 'src/measure')).filter((n) => n.endsWith('.ts'))) {
    const src = readFileSync(join(repoRoot, 'src/measure', f), 'utf8');
    assert.doesNotMatch(src, /function median\(|s\[n \/ 2 - 1\]/, `${f} has a median of its own`);
  }
});

test('build cache keys on content only: a copy of a benchmark in another folder (another clone) is not rebuilt', async () => {
  const src = '#include "wasmlab.h"\nint main(void){ printf("%d\\n", 40 + 2); return 0; }\n';
  const a = tempBenchmark('clone', `${src}/* ${Date.now()} ${Math.random()} */\n`);
  const b = mkdtempSync(join(tmpdir(), 'wasmlab-test-clone2-'));
  cpSync(a, b, { recursive: true });
  for (const target of ['native', 'wasm'] as const) {
    const first = await buildBenchmark(readManifest(join(a, 'bench.json')), target, 'O2');
    assert.equal(first.cached, false);
    const second = await buildBenchmark(readManifest(join(b, 'bench.json')), target, 'O2');
    assert.equal(second.cached, true, `${target}: the copy rebuilt`);
    assert.equal(second.sha256, first.sha256);
  }
});

test('valgrind: WAVM stack, a log per run, scaled timeout, and a crashed run under valgrind gives no counts', async (t) => {
  const valgrind = valgrindPath();
  if (!valgrind) { t.skip('valgrind is not installed (bash setup/setup.sh installs it)'); return; }
  const argv = wrapWithCachegrind(valgrind, ['x'], '/tmp/log');
  assert.ok(argv.includes('--main-stacksize=67108864'));
  // Runs natively, dies under valgrind (as WAVM did): its row keeps the run's timing, with no counts.
  const dies = tempBenchmark('vgdies', `#include "wasmlab.h"
#include <stdlib.h>
#include <string.h>
int main(void){ const char *p = getenv("LD_PRELOAD"); double s = 0; for (int i = 1; i < 100000; i++) s += 1.0 / i;
  if (p && strstr(p, "vgpreload")) abort(); printf("%.3f\\n", s); return 0; }
`);
  // ~0.05 s natively, seconds under cachegrind: a 1 s limit must not kill its simulation.
  const slow = tempBenchmark('vgslow', '#include "wasmlab.h"\nint main(void){ volatile double s = 0; for (long i = 1; i < 30000000; i++) s += 1.0 / i; printf("%.3f\\n", s); return 0; }\n');
  const rows = await bench({ benchmarks: [dies, slow], runtimes: ['native'], reps: 1, warmup: 0, counters: 'valgrind', timeout: 1 });
  const d = rows.find((r) => r.benchmark === 'test/vgdies')!;
  assert.equal(d.status, 'ok', d.reason);
  assert.equal(d.instructions, null, 'the counts of a crashed start-up are not the run\'s');
  assert.match(d.counter_note, /valgrind run failed \(crashed: SIGABRT/);
  assert.equal(d.counter_scope, 'process');
  const s = rows.find((r) => r.benchmark === 'test/vgslow')!;
  assert.equal(s.status, 'ok', s.reason);
  assert.ok(s.instructions! > 30_000_000, `${s.counter_note}`);
  assert.equal(s.counter_source, 'valgrind');
  assert.equal(s.counter_scope, 'process');
});

test('%profile honours %config counters, refuses -c none; %%bench takes --size', async () => {
  const { session } = await import('../kernel/session.js');
  const magic = await import('../kernel/magics/run.js');
  const b = tempBenchmark('cfgcounters', '#include "wasmlab.h"\nint main(void){ printf("x\\n"); return 0; }\n');
  const saved = { ...session.config };
  session.writeDisplay = () => {};
  Object.assign(session.config, { store: 'none', runtimes: ['native'], warmup: 0 });
  try {
    await assert.rejects(magic.profile({ out: null, quiet: true, counters: 'none', benchmarks: [b] }), /-c none contradicts/);
    // perf, asked for by %config, even where it fails (no PMU): auto would pick valgrind there.
    session.config.counters = 'perf';
    const df = await magic.profile({ out: null, quiet: true, benchmarks: [b] });
    const sources = df['counter_source'].values as string[];
    assert.ok(sources.length >= 1 && sources.every((s) => s === 'perf'), `the %config counters source, not auto: ${sources.join(',')}`);
  } finally {
    session.config = saved;
    session.writeDisplay = null;
  }
});

test('the same work on every runtime: V8 and wasm3 compile the whole module before main, not inside the timed region', async () => {
  const { node } = await import('../src/runtimes/node.js');
  for (const mode of ['turbofan', 'liftoff']) {
    assert.ok(node.runCommand(mode, false, { program: 'x.wasm', args: [], dir: '.' }).argv.includes('--no-wasm-lazy-compilation'), mode);
  }
  const driver = readFileSync(join(repoRoot, 'drivers/wasm3-driver.c'), 'utf8');
  const compile = driver.indexOf('m3_CompileModule(mod)');
  assert.ok(compile > 0 && compile < driver.indexOf('m3_CallV(start)'), 'wasm3 translates every function before _start');
});

test('kernel-scope counters: the two-size difference, scaled by the timed region', async (t) => {
  const { kernelScopeRows, companionSize } = await import('../src/measure/counters/scope.js');
  assert.equal(companionSize('mini', ['mini', 'small', 'large']), 'small');
  assert.equal(companionSize('small', ['mini', 'small', 'medium']), 'mini', 'the cheaper size first');
  assert.equal(companionSize('large', ['mini', 'small', 'large']), 'small');
  assert.equal(companionSize('mini', ['mini']), null);
  // C(s) = 1000 (start-up) + 100 per second of kernel: K(s) at kernel_s 1 is 100, whatever F is.
  const at = (size: string, k: number, scope: 'process' | null = 'process') => row({
    size, kernel_s: k, wall_s: k + 1, instructions: 1000 + 100 * k, branches: 500 + 10 * k, cycles: null,
    counter_source: 'valgrind', counter_scope: scope, counter_note: 'vg',
  });
  const [k] = kernelScopeRows([at('mini', 1)], [at('small', 3), at('small', 3)]);
  assert.equal(k!.counter_scope, 'kernel');
  assert.equal(k!.instructions, 100);
  assert.equal(k!.branches, 10);
  assert.equal(k!.cycles, null);
  assert.match(k!.counter_note, /kernel scope: .* s′ = small \(2 runs\)/);
  const [none] = kernelScopeRows([at('mini', 1)], [at('small', 1.05)]);
  assert.equal(none!.instructions, null);
  assert.match(none!.counter_note, /not estimated: .*within 10%/);

  if (!valgrindPath()) { t.skip('valgrind is not installed'); return; }
  const b = tempBenchmark('scope', `#include "wasmlab.h"
#include <stdlib.h>
int main(int argc, char **argv){ long n = atol(argv[1]); volatile double s = 0;
  wl_kernel_begin(); for (long i = 1; i <= n; i++) s += 1.0 / i; wl_kernel_end(); printf("%.3f\\n", s); return 0; }
`, { sizes: { mini: ['10000000'], small: ['40000000'] } });
  const rows = await profile({ benchmarks: [b], runtimes: ['native'], counters: 'valgrind', warmup: 0, reps: 3 });
  const proc = rows.filter((r) => r.counter_scope === 'process');
  const kern = rows.filter((r) => r.counter_scope === 'kernel');
  assert.equal(proc.length, 3);
  assert.equal(kern.length, 3, 'both scopes by default');
  assert.equal(kern[0]!.size, 'mini');
  const K = kern[0]!.instructions!;
  assert.ok(K > 0 && K <= proc[0]!.instructions!, `kernel ${K} within the process's ${proc[0]!.instructions}`);
  // 4× the iterations at small: the kernel is about a third of the difference of the two counts.
  const small = await bench({ benchmarks: [b], runtimes: ['native'], counters: 'valgrind', size: 'small', reps: 1, warmup: 0 });
  const third = (small[0]!.instructions! - proc[0]!.instructions!) / 3;
  assert.ok(K > 0.75 * third && K < 1.25 * third, `kernel ${K}, expected about ${third}`);
  const only = await profile({ benchmarks: [b], runtimes: ['native'], counters: 'valgrind', warmup: 0, scope: 'process' });
  assert.deepEqual(only.map((r) => r.counter_scope), ['process']);
});

test('--scope goes with profile only, and takes process, kernel or both', async () => {
  const run = await wasmlab(['run', '-b', 'gemm', '-r', 'native', '--scope', 'kernel'], { reject: false });
  assert.equal(run.exitCode, 2);
  assert.match(run.stderr, /--scope goes with profile/);
  const bad = await wasmlab(['profile', '-b', 'gemm', '-r', 'native', '--scope', 'bogus'], { reject: false });
  assert.equal(bad.exitCode, 2);
  assert.match(bad.stderr, /--scope is process, kernel, both/);
  await assert.rejects(profile({ benchmarks: ['gemm'], runtimes: ['native'], scope: 'bogus' as 'both' }), /--scope is/);
});

test('a JIT run compiles: Wasmtime\'s own module cache is off (it was on by default)', async (t) => {
  const [id] = await availableTargets(t, ['wasmtime:cranelift']);
  if (!id) return;
  const { wasmtime } = await import('../src/runtimes/wasmtime.js');
  const b = tempBenchmark('nocache', '#include "wasmlab.h"\nint main(void){ printf("x\\n"); return 0; }\n');
  const wasm = await buildBenchmark(readManifest(join(b, 'bench.json')), 'wasm', 'O2');
  const home = mkdtempSync(join(tmpdir(), 'wasmlab-test-xdg-'));
  const cmd = wasmtime.runCommand('cranelift', false, { program: wasm.path, args: [], dir: b });
  const r = await launch({ argv: cmd.argv, env: { ...cmd.env, XDG_CACHE_HOME: join(home, 'cache'), HOME: home }, cwd: b, stdout: join(home, 'out'), stderr: join(home, 'err') });
  assert.equal(r.exit_code, 0);
  assert.equal(existsSync(join(home, 'cache', 'wasmtime')), false, 'wasmtime wrote its module cache');
});
