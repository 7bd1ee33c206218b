/**
 * A plan measured on Slurm and waited for (`wasmlab repro --slurm`): the runs a store still lacks,
 * balanced into N shards, submitted as one job array by `submit` (what `wasmlab slurm submit`
 * does), polled until every task has ended, and collected into the store by `collect` (what
 * `wasmlab slurm collect --into` does). Run again after a failure, it submits only what is still
 * missing, so it resumes like a local run.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { UsageError } from '../errors.js';
import { balance } from '../plan/estimate.js';
import { writePlan, type Plan } from '../plan/plan.js';
import { sqlText } from '../store/sql.js';
import { Store } from '../store/store.js';
import { cancel, collect, submit, taskStates, type Collected } from './slurm.js';

export interface SlurmRun {
  shards: number;
  /** Where the job's script, plan and shard stores go. */
  workdir: string;
  /** The store the shards are collected into. */
  into: string;
  log?: (line: string) => void;
  signal?: AbortSignal;
  /** Seconds between two looks at the queue. */
  pollS?: number;
}

/** The plan's runs `store` does not hold yet (failed runs count as held, as a local resume does). */
async function missingRuns(plan: Plan, store: string): Promise<Plan['runs']> {
  const keys = plan.runs.map((r) => r.run_key);
  const held = new Set((await new Store(store).query(`SELECT run_key FROM runs WHERE NOT superseded AND run_key IN (${keys.map(sqlText).join(', ')})`)).rows.map((r) => String(r.run_key)));
  return plan.runs.filter((r) => !held.has(r.run_key));
}

/** Measure what `o.into` lacks of `plan` on Slurm and collect it there; null when nothing was missing. */
export async function runPlanOnSlurm(plan: Plan, o: SlurmRun): Promise<Collected | null> {
  const log = o.log ?? (() => {});
  const todo = await missingRuns(plan, o.into);
  if (!todo.length) { log(`${o.into} holds all ${plan.runs.length} runs of plan ${plan.plan_id}: nothing to submit`); return null; }
  const shards = Math.min(o.shards, todo.length);
  const { shardOf, load } = balance(todo.map((r) => r.est_s), shards);
  mkdirSync(o.workdir, { recursive: true });
  const file = join(o.workdir, 'plan.json');
  writePlan(file, { ...plan, shards, shard_est_s: load, runs: todo.map((r, i) => ({ ...r, shard: shardOf[i]! })) });
  const rec = submit(file, { workdir: o.workdir });
  log(`submitted ${todo.length} runs in ${shards} tasks as Slurm job ${rec.job} (shards write to ${rec.workdir}); waiting for it`);
  let said = '';
  for (;;) {
    if (o.signal?.aborted) { cancel(rec.job); throw new UsageError(`stopped: job ${rec.job} cancelled; run the same command again to resume`); }
    const states = [...taskStates(rec).values()];
    const count = (s: string) => states.filter((x) => x === s).length;
    const line = `job ${rec.job}: ${count('done')} done, ${count('running')} running, ${count('pending')} pending, ${count('failed')} failed of ${states.length} tasks`;
    if (line !== said) { log(line); said = line; }
    if (!count('pending') && !count('running')) break;
    await sleep((o.pollS ?? 2) * 1000);
  }
  const c = await collect(rec.job, { into: o.into });
  if (c.failedTasks.length || c.missing) {
    throw new UsageError(`job ${rec.job}: ${c.missing} of ${c.planned} runs missing${c.failedTasks.length ? `, tasks ${c.failedTasks.join(', ')} failed (their output: ${rec.workdir}/task-N.out)` : ''}; what ended is in ${o.into}: run the same command again, it submits only the missing runs`);
  }
  return c;
}
