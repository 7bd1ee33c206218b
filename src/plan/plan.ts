/**
 * A plan: the exact runs a request expands to (benchmark, size, opt, target, rep, and the
 * run_key each will have), the runtime versions and artifact hashes it expects, and their split
 * into shards balanced by estimated time. `wasmlab plan` writes one; `wasmlab shard run` runs one
 * shard of it on a node (after checking the node has what the plan expects); `merge` checks the
 * result against it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { UsageError } from '../errors.js';
import { cellKey } from '../store/keys.js';

export const PLAN_FORMAT = 'wasmlab-plan/1';

export interface PlannedRun {
  benchmark: string;
  size: string;
  opt: string;
  target: string; // targetLabel: "wasmtime:cranelift", "wasmer:llvm+aot"
  rep: number;
  run_key: string;
  runtime_version: string;
  artifact_sha256: string;
  est_s: number;
  shard: number;
}

/** What `wasmlab run` would have been given: enough to rebuild the request on a node. */
export interface PlanRequest {
  benchmarks: string[];
  runtimes: string[];
  opt: string[];
  size: string;
  reps: number;
  warmup: number;
  aot: boolean;
  counters: string;
  timeout: number | null;
  /** Build features (src/toolchain/features.ts); absent: the plain build. */
  features?: string[];
}

export interface Plan {
  format: typeof PLAN_FORMAT;
  plan_id: string;
  created: string;
  host_id: string;
  request: PlanRequest;
  shards: number;
  shard_est_s: number[];
  runs: PlannedRun[];
}

export function writePlan(file: string, plan: Plan): void {
  writeFileSync(file, `${JSON.stringify(plan, null, 1)}\n`);
}

export function readPlan(file: string): Plan {
  let p: Plan;
  try {
    p = JSON.parse(readFileSync(file, 'utf8')) as Plan;
  } catch (e) {
    throw new UsageError(`cannot read the plan ${file}: ${(e as Error).message.split('\n')[0]}`);
  }
  if (p.format !== PLAN_FORMAT) throw new UsageError(`${file} is not a wasmlab plan (format "${String(p.format)}"; expected ${PLAN_FORMAT})`);
  return p;
}

/** The runs of one shard: rep indices per (benchmark, opt, target). */
export function shardReps(plan: Plan, index: number): Map<string, number[]> {
  if (!Number.isInteger(index) || index < 0 || index >= plan.shards) {
    throw new UsageError(`--index ${index} is not a shard of this plan (0 … ${plan.shards - 1})`);
  }
  const out = new Map<string, number[]>();
  for (const r of plan.runs) {
    if (r.shard !== index) continue;
    const k = cellKey(r.benchmark, r.opt, r.target);
    (out.get(k) ?? out.set(k, []).get(k)!).push(r.rep);
  }
  for (const reps of out.values()) reps.sort((a, b) => a - b);
  return out;
}

/**
 * Differences between what the plan expects and what this node has, one line each (empty: the
 * node matches). `here` are the node's own planned runs for the shard's configurations.
 */
export function planMismatches(plan: Plan, here: readonly Omit<PlannedRun, 'est_s' | 'shard'>[]): string[] {
  const mine = new Map(here.map((r) => [cellKey(r.benchmark, r.opt, r.target), r]));
  const out = new Set<string>();
  for (const r of plan.runs) {
    const h = mine.get(cellKey(r.benchmark, r.opt, r.target));
    if (!h) continue;
    if (h.runtime_version !== r.runtime_version) {
      // A versioned target (wazero@v1.9.0) is one folder of `wasmlab runtime add`; a bare one is setup's.
      const versioned = /^[^:+]+@[^:+]+/.exec(r.target)?.[0];
      const fix = versioned ? `wasmlab runtime add --force ${versioned} rebuilds it` : 'bash setup/setup.sh on the same commit';
      out.add(`${r.target} here is "${h.runtime_version || 'not available'}", the plan expects "${r.runtime_version}": install that version here (${fix}), or plan again on a machine like this one`);
    } else if (h.artifact_sha256 !== r.artifact_sha256) {
      out.add(`${r.benchmark} -${r.opt} for ${r.target} builds to a different artifact here (sha256 ${h.artifact_sha256.slice(0, 12)}…, the plan's ${r.artifact_sha256.slice(0, 12)}…): the compiler or sources differ; use the same wasmlab commit and setup`);
    }
  }
  return [...out];
}
