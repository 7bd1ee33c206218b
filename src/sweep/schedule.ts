/**
 * Sweep step 4–6 for one (benchmark, -O level): reuse what the store already has, then, only if
 * something is left to measure, run native for the reference output, do the warm-ups, and run
 * the measured reps interleaved across targets (round robin over the targets that still need
 * runs), so slow drift of the machine spreads over all targets instead of biasing whichever ran
 * last.
 */
import { REMEASURED_STATUSES, type RunRecord } from '../record.js';
import type { Benchmark } from '../suite/manifest.js';
import { needsMoreRuns, type RepPolicy } from '../measure/policy.js';
import { primaryMetric } from '../measure/metric.js';
import type { RunDir } from '../measure/rundir.js';
import type { Artifacts } from './build.js';
import type { SweepContext } from './context.js';
import { measureOnce } from './measure.js';
import type { Prepared } from './prepare.js';
import { runKey } from '../store/keys.js';
import { referenceOutput } from './reference.js';

const finished = (r: RunRecord) => r.status === 'ok' || r.status === 'wrong-output';

/** Does a target need another run: the policy on its runs' primary metric and the wall time they took. */
function more(policy: RepPolicy, p: Prepared): boolean {
  if (p.wanted) return p.wanted.includes(p.rep);
  const metric = primaryMetric(p.runs);
  return needsMoreRuns(policy, p.runs.map((r) => r[metric]!), p.runs.reduce((a, r) => a + r.wall_s!, 0));
}

function account(p: Prepared, r: RunRecord): void {
  p.rep = p.wanted ? (p.wanted.find((w) => w > p.rep) ?? p.rep + 1) : p.rep + 1;
  if (r.wall_s !== null && finished(r)) p.runs.push({ kernel_s: r.kernel_s, wall_s: r.wall_s });
  // A failing run would fail again: one row says it, no more reps of this target.
  if (!finished(r)) p.stopped = true;
}

/**
 * Yield the stored reps the policy still wants, interleaved across targets as they were
 * measured, so a reused sweep returns its rows in the order of the sweep that measured them.
 */
async function* reuse(ctx: SweepContext, b: Benchmark, opt: string, ready: Prepared[]): AsyncGenerator<RunRecord> {
  const store = ctx.req.store;
  if (!store || ctx.req.fresh || !ready.length) return;
  const stored = await store.lookup(ready.map((p) => p.series));
  const reps = new Map(ready.map((p) => [p, new Map((stored.get(p.series) ?? [])
    .filter((r) => !REMEASURED_STATUSES.includes(r.status)).map((r) => [r.rep, r]))]));
  const wants = (p: Prepared) => !p.stopped && reps.get(p)!.has(p.rep) && more(ctx.policyOf(b), p);
  const used = new Map<Prepared, number>();
  for (let round = ready.filter(wants); round.length; round = round.filter(wants)) {
    for (const p of round) {
      const r = reps.get(p)!.get(p.rep)!;
      account(p, r);
      used.set(p, (used.get(p) ?? 0) + 1);
      ctx.count('reused', 1, `${b.id} -${opt} ${p.label} rep ${r.rep + 1} (stored)`);
      yield r;
    }
  }
  for (const [p, runs] of used) ctx.emit({ kind: 'reused', benchmark: b.id, opt, target: p.label, runs });
}

export async function* runTargets(
  ctx: SweepContext, b: Benchmark, opt: string, runDir: RunDir, ready: Prepared[], artifacts: Artifacts,
): AsyncGenerator<RunRecord> {
  const policy = ctx.policyOf(b);
  if (ctx.req.dryRun) {
    for (const p of ready) {
      for (const rep of p.wanted ?? Array.from({ length: policy.minRuns }, (_, i) => i)) {
        ctx.req.onPlanned?.({ benchmark: b.id, size: ctx.req.size, opt, target: p.label, rep, run_key: runKey(p.series, rep),
          runtime_version: p.det.version ?? '', artifact_sha256: p.artifact.sha256 });
      }
    }
    return;
  }
  yield* reuse(ctx, b, opt, ready);
  let active = ready.filter((p) => !p.stopped && more(policy, p));
  if (!active.length || ctx.aborted) return;

  const reference = await referenceOutput(ctx, b, artifacts, runDir, active);
  if (ctx.aborted) return;

  // Warm-ups: a target failing its warm-up is reported once and not repeated.
  const warm: Prepared[] = [];
  for (const p of active) {
    let failed: RunRecord | null = null;
    for (let w = 0; w < policy.warmup && !failed; w++) {
      const r = await measureOnce(ctx, b, opt, runDir, p, reference, true);
      if (ctx.aborted || !r) return;
      if (!finished(r)) failed = { ...r, run_key: runKey(p.series, p.rep) };
    }
    if (failed) {
      ctx.req.store?.record(failed);
      ctx.count('skipped', Math.max(ctx.perTargetOf(b) - p.rep, 0), `${b.id} -${opt} ${p.label} failed its warm-up`);
      yield failed;
    } else warm.push(p);
  }

  active = warm;
  while (active.length) {
    for (const p of active) {
      const r = await measureOnce(ctx, b, opt, runDir, p, reference, false);
      if (ctx.aborted || !r) return;
      ctx.req.store?.record(r);
      account(p, r);
      ctx.count('measured', 1, `${b.id} -${opt} ${p.label} rep ${r.rep + 1}`);
      yield r;
    }
    active = active.filter((p) => !p.stopped && more(policy, p));
  }
}
