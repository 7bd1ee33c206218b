/**
 * The cluster from a notebook: `wl.slurm.submit(request)` plans a sweep into shards and submits it
 * as a Slurm job array, returning at once with the job id (`%bench … --slurm` does the same);
 * `wl.slurm.status(job)` and `wl.slurm.collect(job)` return frames; `wl.load({ store })` then
 * analyses the merged results. The plan file goes to the notebook's folder.
 */
import { resolve } from 'node:path';
import type { DataFrame } from 'danfojs-node';
import type { BenchRequest } from './core.js';
import { toFrame } from '../src/frame/frame.js';
import { DEFAULT_SHARDS } from '../src/options/table.js';

export interface SlurmSubmit {
  /** Shards (array tasks); default 4. */
  shards?: number;
  partition?: string;
  time?: string;
  cpusPerTask?: number;
  workdir?: string;
  /** A store whose history estimates run times for balancing. */
  history?: string;
}

export interface Submitted {
  job: string;
  plan: string;
  plan_id: string;
  runs: number;
  shards: number;
  estimated_s: number[];
  workdir: string;
}

export async function submitRequest(req: BenchRequest, o: SlurmSubmit = {}): Promise<Submitted> {
  const { makePlan } = await import('../src/plan/make.js');
  const { submit } = await import('../src/cluster/slurm.js');
  const { writePlan } = await import('../src/plan/plan.js');
  const plan = await makePlan({ ...req, store: null }, { shards: o.shards ?? DEFAULT_SHARDS, history: o.history });
  const file = resolve(`wasmlab-plan-${plan.plan_id}.json`);
  writePlan(file, plan);
  const rec = submit(file, o);
  return { job: rec.job, plan: file, plan_id: plan.plan_id, runs: plan.runs.length, shards: plan.shards, estimated_s: plan.shard_est_s, workdir: rec.workdir };
}

export const slurm = {
  /** Plan and submit; returns at once with the job id (and where the shards write). */
  async submit(req: BenchRequest & SlurmSubmit): Promise<Submitted> {
    return submitRequest(req, req);
  },
  /** One row per array task: state (pending, running, done, failed), rows stored so far. */
  async status(job: string): Promise<DataFrame> {
    const { status } = await import('../src/cluster/slurm.js');
    return toFrame(await status(job) as unknown as object[]);
  },
  /** Merge the shards once every task has ended (resubmitFailed: send failed tasks again instead). */
  async collect(job: string, o: { into?: string; resubmitFailed?: boolean } = {}): Promise<DataFrame> {
    const { collect } = await import('../src/cluster/slurm.js');
    const c = await collect(job, o);
    return toFrame([{ job, into: c.into, planned: c.planned, missing: c.missing, failed_runs: c.failedRuns,
      failed_tasks: c.failedTasks.join(','), resubmitted: c.resubmitted ?? null }]);
  },
};
