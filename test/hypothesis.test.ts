/**
 * Issue 26 without runtimes: the planner against seeded simulations of the decision the code
 * makes (acceptance 3), equivalence claims on synthetic rows (acceptance 5), and bad claims as
 * one line naming the fix (acceptance 6, the parts that need no registry). The planned sweep and
 * the kernel are tested in hypothesis-kernel.test.ts and hypothesis-cli.test.ts.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mulberry32 } from '../src/analysis/bootstrap.js';
import { normalSampler } from '../src/analysis/synthetic.js';
import { claimOf, decideClaim, powerTest, type Claim } from '../src/analysis/claim.js';
import { medianVarianceFactor, planSize, power, type VarianceComponents } from '../src/analysis/power.js';
import { UsageError, type Row } from '../src/analysis/rows.js';

/** Rows of two targets on k benchmarks: the subject's true log ratio per benchmark is `mean` + N(0, between); reps add N(0, within). */
function rowsOf(rnd: () => number, o: { k: number; n: number; mean: number; between: number; within: number; subject?: string; baseline?: string }): Row[] {
  const z = normalSampler(rnd);
  const rows: Row[] = [];
  const row = (b: number, target: string, t: number): Row => {
    const [runtime, mode = 'default'] = target.split(':');
    return { benchmark: `g/b${b}`, size: 'mini', opt: 'O2', runtime: runtime!, mode, aot: false, runtime_version: '1', host: 'h', status: 'ok', kernel_s: t };
  };
  for (let b = 0; b < o.k; b++) {
    const mu = Math.log(0.01) + z();
    const theta = o.mean + o.between * z();
    for (let r = 0; r < o.n; r++) {
      rows.push(row(b, o.subject ?? 'sub', Math.exp(mu + theta + o.within * z())));
      rows.push(row(b, o.baseline ?? 'base', Math.exp(mu + o.within * z())));
    }
  }
  return rows;
}

test('the median variance factor: exact values of the order statistics', () => {
  assert.equal(medianVarianceFactor(1).toFixed(4), '1.0000');
  assert.equal(medianVarianceFactor(2).toFixed(4), '0.5000');
  assert.equal(medianVarianceFactor(3).toFixed(4), '0.4487'); // David & Nagaraja's table
  assert.equal(medianVarianceFactor(5).toFixed(4), '0.2868');
  assert.ok(Math.abs(medianVarianceFactor(41) * 41 / (Math.PI / 2) - 1) < 0.03, 'tends to π/(2n)');
});

test('power grows with reps and benchmarks, and reps stop helping at the between-benchmark floor', () => {
  const c: VarianceComponents = { within: [0.01, 0.01], between: 0.0009, source: 'test' };
  const t = { kind: 'direction', effect: Math.log(1.1) } as const;
  assert.ok(power(t, 8, 5, c, 0.05) > power(t, 8, 3, c, 0.05));
  assert.ok(power(t, 10, 3, c, 0.05) > power(t, 8, 3, c, 0.05));
  const floor = { ...c, between: 0.04 };
  assert.ok(power(t, 4, 30, floor, 0.05) - power(t, 4, 10, floor, 0.05) < 0.02);
});

/**
 * Acceptance 3: plan for 80% with known components, then run 500 seeded experiments of that
 * size through decideClaim (the decision a hypothesis makes) and count the supported ones.
 */
for (const sc of [
  { name: 'faster by 10%, 8 benchmarks named (t interval)', verb: 'faster', k: [8, 8], within: 0.11, between: 0.05, mean: -Math.log(1.1) },
  { name: 'equivalent within 10%, up to 20 benchmarks (bootstrap-t from 10)', verb: 'equivalent', k: [3, 20], within: 0.08, between: 0.05, mean: 0 },
] as const) {
  test(`acceptance 3: planned size reaches the requested power in 500 simulated experiments: ${sc.name}`, { timeout: 60_000 }, () => {
    const claim = claimOf(['sub', sc.verb, 'base'], { by: '10%', margin: '10%', power: '0.8' });
    const c: VarianceComponents = { within: [sc.within ** 2, sc.within ** 2], between: sc.between ** 2, source: 'known' };
    const plan = planSize(powerTest(claim), c, claim.alpha, claim.power, { minBenchmarks: sc.k[0], maxBenchmarks: sc.k[1] });
    assert.ok(plan.reached && plan.power >= 0.8, JSON.stringify(plan));
    // The plan is the cheapest: one rep fewer does not reach the target.
    if (plan.reps > 3) assert.ok(power(powerTest(claim), plan.benchmarks, plan.reps - 1, c, claim.alpha) < 0.8);
    const rnd = mulberry32(2026);
    let supported = 0;
    const N = 500;
    for (let i = 0; i < N; i++) {
      const rows = rowsOf(rnd, { k: plan.benchmarks, n: plan.reps, mean: sc.mean, between: sc.between, within: sc.within });
      if (decideClaim(rows, claim, { seed: i + 1 }).verdict === 'supported') supported++;
    }
    const rate = supported / N;
    assert.ok(Math.abs(rate - 0.8) <= 0.05, `simulated power ${rate} for requested 0.8 (plan ${plan.benchmarks} × ${plan.reps}, predicted ${plan.power.toFixed(3)})`);
    assert.ok(Math.abs(rate - plan.power) <= 0.05, `simulated ${rate}, predicted ${plan.power}`);
  });
}

test('acceptance 5: equivalent within 10% — true (±2%) is supported, false (15% apart) is not supported', () => {
  const claim = claimOf(['sub', 'equivalent', 'base'], { margin: '10%' });
  const near = rowsOf(mulberry32(5), { k: 8, n: 5, mean: Math.log(1.02), between: 0.01, within: 0.02 });
  const far = rowsOf(mulberry32(6), { k: 8, n: 5, mean: Math.log(1.15), between: 0.01, within: 0.02 });
  const a = decideClaim(near, claim), b = decideClaim(far, claim);
  assert.equal(a.verdict, 'supported', JSON.stringify(a));
  assert.ok(a.ci_low! > 1 / 1.1 && a.ci_high! < 1.1);
  assert.equal(b.verdict, 'not supported', JSON.stringify(b));
  assert.ok(b.ci_low! > 1.1);
  assert.equal(a.per_benchmark.length, 8);
  assert.ok(a.achieved_power! > 0.5, 'tight rows: high power to show equivalence');
});

test('a gain claim: the ratio of ratios per benchmark', () => {
  // S gains ×2 from O0 to O3 on every benchmark, T gains ×2 too: gains-as-much is supported.
  const rows: Row[] = [];
  const rnd = mulberry32(9), z = normalSampler(rnd);
  for (let b = 0; b < 6; b++) for (const [rt, o0] of [['s', 1], ['t', 0.1]] as const) for (const [opt, f] of [['O0', 1], ['O3', 0.5]] as const) {
    for (let r = 0; r < 3; r++) rows.push({ benchmark: `k/b${b}`, size: 'small', opt, runtime: rt, mode: 'default', aot: false, runtime_version: '1', host: 'h', status: 'ok', kernel_s: o0 * f * (1 + b / 10) * Math.exp(0.01 * z()) });
  }
  const claim = claimOf(['s', 'gains-as-much', 't'], { from: 'O0', to: 'O3', size: 'small' });
  const r = decideClaim(rows, claim);
  assert.equal(r.verdict, 'supported', JSON.stringify(r));
  assert.equal(r.benchmarks, 6);
  assert.ok(Math.abs(Number(r.per_benchmark[0]!.subject_ratio) - 0.5) < 0.05);
  assert.ok(r.ci_low! < 1 && r.ci_high! > 1);
  const more = decideClaim(rows, claimOf(['s', 'gains-more', 't'], { from: 'O0', to: 'O3', size: 'small', by: '10%' }));
  assert.equal(more.verdict, 'not supported', 'equal gains rule out gaining 10% more');
});

test('acceptance 6: bad claims are one line naming the fix', () => {
  const bad: [string[], Record<string, unknown>, RegExp][] = [
    [['wasm3', 'faster', 'wasm3'], {}, /SUBJECT and BASELINE are both "wasm3": name two different ones/],
    [['a', 'equivalent', 'b'], { margin: '0' }, /--margin: it must be above 0/],
    [['a', 'equivalent', 'b'], { margin: '0%' }, /--margin: it must be above 0/],
    [['a', 'faster', 'b'], { power: '1.5' }, /--power is a probability above 0 and below 1, e.g. 0.8/],
    [['a', 'quicker', 'b'], {}, /the verb is faster, slower, equivalent/],
    [['a', 'faster'], {}, /a claim is SUBJECT VERB BASELINE/],
    [['a', 'gains-as-much', 'b'], {}, /add --from and --to/],
    [['a', 'faster', 'b'], { from: 'O0', to: 'O3' }, /--from\/--to go with gains-/],
    [['a', 'faster', 'b'], { metric: 'cycles' }, /--metric is kernel_s, wall_s, maxrss_kb/],
    [['O0', 'faster', 'b'], {}, /SUBJECT is a target/],
  ];
  for (const [words, o, re] of bad) {
    assert.throws(() => claimOf(words, o), (e: Error) => e instanceof UsageError && re.test(e.message) && !e.message.includes('\n'), `${words.join(' ')} ${JSON.stringify(o)}`);
  }
  const ok: Claim = claimOf(['wasmtime:cranelift', 'faster', 'no-aot'], {});
  assert.equal(ok.subject, 'wasmtime:cranelift+aot');
});

test('%hypothesis and wasmlab hypothesis read the same options from the one table', async () => {
  const { translate } = await import('../kernel/magics/translate.js');
  const { optionsFor } = await import('../src/options/table.js');
  const ts = translate('%hypothesis wasm3 faster O0 -O O3 -b gemm,crc32 --by 20% --power 0.9 --dry-run -o h');
  const options = JSON.parse(/wl\.magic\.hypothesis\((\{.*\})\)/.exec(ts)![1]!) as { claim: string[]; flags: Record<string, unknown>; out: string };
  assert.deepEqual(options.claim, ['wasm3', 'faster', 'O0']);
  assert.deepEqual(options.flags, { opt: ['O3'], benchmarks: ['gemm', 'crc32'], by: '20%', power: '0.9', dryRun: true });
  assert.equal(options.out, 'h');
  const names = optionsFor('hypothesis').map((o) => o.name);
  for (const n of ['bench', 'size', 'opt', 'by', 'margin', 'metric', 'alpha', 'power', 'from', 'to', 'dry-run', 'store']) assert.ok(names.includes(n), n);
  for (const n of ['runtime', 'reps', 'counters', 'wasm']) assert.ok(!names.includes(n), `${n}: the claim and the plan set it`);
  assert.throws(() => translate('%hypothesis wasm3 faster native --reps 3'), /unknown flag --reps/);
});
