/** Running one shard of a plan (src/plan) on this machine, into a store. */
import type { RunRecord } from '../record.js';
import { bench, type BenchRequest } from '../sweep/request.js';
import { UsageError } from '../errors.js';
import { plannedRuns, requestOf } from '../plan/make.js';
import { planMismatches, readPlan, shardReps } from '../plan/plan.js';

/**
 * Run shard `index` of a plan into a store. First it checks that this machine has the plan's
 * runtime versions and builds its artifacts to the same hashes (building what is missing), and
 * refuses with the differences otherwise. Like any stored sweep it resumes: run again after a
 * kill, it measures only what is missing.
 */
export async function runShard(planFile: string, index: number, o: Omit<BenchRequest, 'benchmarks' | 'runtimes'> & { store: string }): Promise<RunRecord[]> {
  const plan = readPlan(planFile);
  const only = shardReps(plan, index);
  const base = { ...requestOf(plan.request), pin: o.pin, onEvent: o.onEvent, signal: o.signal };
  const here = await plannedRuns({ ...base, onEvent: undefined, only });
  const diff = planMismatches(plan, here);
  if (diff.length) throw new UsageError(`shard ${index} of plan ${plan.plan_id} cannot run here: ${diff.join('; ')}`);
  return bench({ ...base, ...o, only, planId: plan.plan_id, runtimes: base.runtimes, benchmarks: base.benchmarks });
}
