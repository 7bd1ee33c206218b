/**
 * The sweep: benchmarks × -O levels × targets × repetitions, streamed as RunRecords as they are
 * measured (or found in the store). Each step is a function of its own:
 *   run folder → build (build.ts) → prepare targets (prepare.ts) → reuse stored runs, reference
 *   output, warm-ups, interleaved reps (schedule.ts, measure.ts, reference.ts).
 * Failures become rows with a status and a reason; an abort stops at once, keeping every row
 * already yielded (and recorded). Compilers and runtimes are reached only through the request's
 * executor (executor.ts), so all of this runs against a scripted fake in test/sweep.test.ts.
 */
import type { RunRecord } from '../record.js';
import type { Benchmark } from '../suite/manifest.js';
import { prepareRunDir, type RunDir } from '../measure/rundir.js';
import { buildArtifacts } from './build.js';
import { SweepContext, type SweepRequest } from './context.js';
import { prepareTarget, type Prepared } from './prepare.js';
import { runTargets } from './schedule.js';
import { cellKey, runKey, seriesKey } from '../store/keys.js';
import { targetLabel } from '../record.js';

export { newSweepId, type RunStore, type SweepRequest } from './context.js';
export type { Executor, RunPurpose } from './executor.js';

/** The run folder depends on the benchmark and size only: prepared once for all -O levels. */
function runFolder(ctx: SweepContext, b: Benchmark): RunDir | { status: 'unavailable' | 'launch-failed'; reason: string } {
  const size = ctx.req.size;
  if (!b.sizes[size]) return { status: 'unavailable', reason: `${b.id} has no size "${size}" (sizes: ${Object.keys(b.sizes).join(', ')})` };
  try {
    return prepareRunDir(b, size, ctx.dir);
  } catch (e) {
    return { status: 'launch-failed', reason: (e as Error).message };
  }
}

export async function* runSweep(req: SweepRequest): AsyncGenerator<RunRecord> {
  const ctx = new SweepContext(req);
  // A row of a target that failed before its reps: kept, counted for all the reps it had.
  const failedRow = (b: Benchmark, r: RunRecord): RunRecord => {
    ctx.count('skipped', ctx.perTargetOf(b), `${r.benchmark} -${r.opt} ${r.runtime}: ${r.status}`);
    r.run_key ||= runKey(seriesKey({ ...r, argv: [], counters: req.counters, host_id: ctx.hostId }), 0);
    req.store?.record(r);
    return r;
  };
  try {
    for (const b of req.benchmarks) {
      const runDir = runFolder(ctx, b);
      for (const opt of req.opts) {
        if (ctx.aborted) return;
        if ('status' in runDir) {
          for (const t of req.targets) yield failedRow(b, ctx.row(b, opt, t, runDir));
          continue;
        }
        const artifacts = await buildArtifacts(ctx, b, opt);
        const ready: Prepared[] = [];
        for (const t of req.targets) {
          if (ctx.aborted) return;
          // One shard of a plan: only its targets, only its reps.
          const wanted = req.only?.get(cellKey(b.id, opt, targetLabel(t)));
          if (req.only && !wanted?.length) continue;
          const p = await prepareTarget(ctx, b, opt, t, artifacts, runDir);
          if (p === null) return;
          if ('series' in p) ready.push(wanted ? { ...p, wanted, rep: wanted[0]! } : p);
          else yield failedRow(b, p);
        }
        yield* runTargets(ctx, b, opt, runDir, ready, artifacts);
      }
    }
  } finally {
    ctx.close();
  }
}
