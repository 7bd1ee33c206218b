/** Making a plan from a request: its runs, each with an estimate, balanced into shards. */
import { bench, type BenchRequest } from '../sweep/request.js';
import { parseFeatures } from '../toolchain/features.js';
import { UsageError } from '../errors.js';
import { hostFingerprint } from '../measure/host.js';
import { targetLabel } from '../record.js';
import { adapterFor, detectMode, resolveTargets } from '../runtimes/registry.js';
import { planId } from '../store/keys.js';
import { Store } from '../store/store.js';
import { balance, estimateSeconds, type History } from './estimate.js';
import { PLAN_FORMAT, type Plan, type PlannedRun, type PlanRequest } from './plan.js';

type Identity = Omit<PlannedRun, 'est_s' | 'shard'>;

/** The runs a request would measure, each with its run_key, version and artifact hash (nothing is run). */
export async function plannedRuns(req: BenchRequest): Promise<Identity[]> {
  const out: Identity[] = [];
  await bench({ ...req, store: null, dryRun: true, onPlanned: (r) => out.push(r) });
  return out;
}

/** Median wall times by (benchmark, size, opt, target) from a store's ok runs. */
async function history(store: string): Promise<History> {
  const s = new Store(store);
  const r = await s.query(`SELECT benchmark, size, opt, runtime, mode, aot, median(wall_s) AS wall FROM runs
    WHERE NOT superseded AND status = 'ok' AND wall_s IS NOT NULL GROUP BY ALL`);
  const m = new Map(r.rows.map((x) => [[x.benchmark, x.size, x.opt, targetLabel(x)].join('\0'), Number(x.wall)]));
  return { wall: (b, size, opt, target) => m.get([b, size, opt, target].join('\0')) };
}

export async function makePlan(req: BenchRequest, o: { shards: number; history?: string }): Promise<Plan> {
  if (!Number.isInteger(o.shards) || o.shards < 1) throw new UsageError(`--shards must be a whole number ≥ 1 (got ${o.shards})`);
  if (req.reps === 'adaptive') throw new UsageError('a plan needs a fixed --reps N: adaptive repetition decides its runs while it measures');
  // The targets as explicit ids, so every node resolves the same ones ("all" depends on what a node has).
  const targets = await resolveTargets(req.runtimes.length ? req.runtimes : ['all'], { aot: req.aot });
  const runtimes = [...new Set(targets.map((t) => targetLabel({ ...t, aot: false })))];
  const request: PlanRequest = {
    benchmarks: req.benchmarks, runtimes, opt: req.opt ?? ['O2'], size: req.size ?? 'mini', reps: req.reps ?? 3,
    warmup: req.warmup ?? 1, aot: Boolean(req.aot), counters: req.counters ?? 'none', timeout: req.timeout ?? null,
    ...(parseFeatures(req.features).length ? { features: parseFeatures(req.features) } : {}),
  };
  const runs = await plannedRuns(requestOf(request));
  // A named target this machine cannot run plans no runs: refuse, rather than hand the cluster a
  // plan that silently lacks it (the shards would never measure it).
  const planned = new Set(runs.map((r) => r.target));
  const missing = targets.filter((t) => !planned.has(targetLabel(t)));
  if (missing.length) {
    const why = await Promise.all(missing.map(async (t) => `${targetLabel(t)} (${(await detectMode(adapterFor(t.runtime), t.mode)).reason ?? 'no runs planned'})`));
    throw new UsageError(`cannot plan ${why.join(', ')}: plan on a machine that has ${missing.length > 1 ? 'them' : 'it'} (wasmlab doctor), or drop ${missing.length > 1 ? 'them' : 'it'} from --runtime`);
  }
  if (!runs.length) throw new UsageError('the request plans no runs (are the runtimes available here? wasmlab doctor)');
  const h = o.history ? await history(o.history) : null;
  const est = runs.map((r) => estimateSeconds(h, r));
  const { shardOf, load } = balance(est, o.shards);
  return {
    format: PLAN_FORMAT,
    plan_id: planId({ request, keys: runs.map((r) => r.run_key) }),
    created: new Date().toISOString(),
    host_id: hostFingerprint().host_id,
    request,
    shards: o.shards,
    shard_est_s: load,
    runs: runs.map((r, i) => ({ ...r, est_s: est[i]!, shard: shardOf[i]! })),
  };
}

export function requestOf(p: PlanRequest): BenchRequest {
  return {
    benchmarks: p.benchmarks, runtimes: p.runtimes, opt: p.opt, size: p.size, reps: p.reps, warmup: p.warmup, aot: p.aot,
    counters: p.counters as BenchRequest['counters'], timeout: p.timeout ?? undefined, ...(p.features ? { features: p.features } : {}),
  };
}
