/**
 * Replicating a bundle (bundle.ts) or a store here, for both fronts (`wasmlab repro`, `%repro`):
 * the published plan, restricted to `only` targets (plus the baseline; `finding:N` names the targets
 * finding N's notebook measures, analysis/study.ts) or to one sweep's cases,
 * is checked against this machine (runtime versions, artifact hashes: the check `wasmlab shard
 * run` makes) before anything runs, then measured into a store of its own (resumable), and
 * compared with the published runs: per target (analysis/replicate.ts) and per finding
 * (analysis/verdict-change.ts). The plan's runs are the published ones, so a restriction drops
 * runs and never plans new ones. A versioned target this machine lacks (`wazero@v1.9.0`,
 * `wasmtime@0.30.0:embedding`) is installed first, as `wasmlab runtime add` does, after saying
 * what it installs and what that costs; one that cannot be had is refused before any run. With
 * `slurm`, the plan's missing runs are measured as a Slurm job array instead, waited for and
 * collected into the store (cluster/slurm-run.ts); the comparison is the same.
 */
import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ReplicationRow } from '../analysis/replicate.js';
import { replicate } from '../analysis/replicate.js';
import type { Row } from '../analysis/rows.js';
import { RULES } from '../analysis/findings.js';
import { findingTargets } from '../analysis/study.js';
import { findingChanges, type FindingChange } from '../analysis/verdict-change.js';
import { runShard } from '../cluster/shard.js';
import { runPlanOnSlurm } from '../cluster/slurm-run.js';
import { addRuntimes, INSTALL_COST, installableVersion, isInstalled } from '../runtimes/versions/install.js';
import { bench } from '../sweep/request.js';
import { UsageError } from '../errors.js';
import { plannedRuns, requestOf } from '../plan/make.js';
import { planMismatches, readPlan, shardReps, writePlan, type Plan } from '../plan/plan.js';
import { targetLabel } from '../record.js';
import { cellKey } from '../store/keys.js';
import { importRuns, load } from '../store/query.js';
import type { BenchRequest } from '../sweep/request.js';
import { BUNDLE_FILES, writeBundle } from './bundle.js';

/** The baseline every ratio is taken to: always measured with the targets asked for. */
const BASELINE = 'native';

export interface ReproRequest extends Pick<BenchRequest, 'pin' | 'signal' | 'onEvent'> {
  /** A bundle folder, or a store (bundled first, into a temporary folder). */
  source: string;
  /** Where this machine's runs go; default SOURCE/repro.duckdb for a bundle. */
  store?: string;
  dryRun?: boolean;
  /** Equivalence margin as a fraction (0.15). */
  margin?: number;
  /** Only these targets (and the baseline); `finding:N` stands for the targets finding N's notebook measures. */
  only?: string[];
  /** Only this sweep of the bundle or store. */
  sweep?: string;
  /** Lines for a person before the work starts (what gets installed, at what cost) and while installing. */
  log?: (line: string) => void;
  /** Measure on Slurm: the plan's missing runs as a job array of this many shards, waited for and collected into the store. */
  slurm?: { shards: number };
}

export interface ReproOutcome {
  /** The plan measured (the published one, restricted as asked). */
  plan: Plan;
  estimate_s: number;
  /** "plan ID: N runs (…), estimated T". */
  summary: string;
  store: string | null;
  /** The runtime versions installed for the plan (or, on a dry run, that would be). */
  installs: string[];
  /** Per target; null on a dry run. */
  rows: ReplicationRow[] | null;
  findings: FindingChange[];
}

const fmt = (s: number) => (s < 120 ? `${s.toFixed(1)} s` : `${(s / 60).toFixed(1)} min`);
const targetsOf = (plan: Plan) => [...new Set(plan.runs.map((r) => r.target))].sort();

/** The published runs (the bundle's Parquet, through a temporary store), of one sweep if asked. */
async function publishedRows(dir: string, sweep?: string): Promise<Row[]> {
  const store = join(mkdtempSync(join(tmpdir(), 'wasmlab-published-')), 'published.duckdb');
  await importRuns({ store, file: join(dir, BUNDLE_FILES.runs), format: 'parquet' });
  const rows = (await load({ store, sweep })) as unknown as Row[];
  if (sweep !== undefined && !rows.length) {
    const ids = [...new Set(((await load({ store })) as unknown as Row[]).map((r) => String(r.sweep_id)))].sort();
    throw new UsageError(`the bundle has no runs of sweep ${sweep} (its sweeps: ${ids.join(', ') || 'none'})`);
  }
  return rows;
}

/** `--only`'s targets: named ones, and `finding:N`'s (the targets its notebook measures, as far as the plan has them). */
function onlyTargets(plan: Plan, only: readonly string[]): string[] {
  const known = targetsOf(plan);
  const out: string[] = [];
  for (const o of only) {
    const finding = /^finding:(.+)$/.exec(o)?.[1];
    if (finding === undefined) { out.push(o); continue; }
    const rule = RULES.find((r) => r.finding === finding);
    if (!rule) throw new UsageError(`--only ${o}: no such finding (the findings: ${RULES.map((r) => r.finding).join(', ')}; wasmlab findings shows them)`);
    const targets = findingTargets(finding, known);
    if (!targets) throw new UsageError(`--only ${o}: notebook ${rule.notebook} names its targets in its own cells; name them instead (--only TARGETS)`);
    const subjects = targets.filter((t) => t !== BASELINE);
    if (!subjects.length) throw new UsageError(`--only ${o}: the plan ${plan.plan_id} has none of the targets notebook ${rule.notebook} measures (its targets: ${known.join(', ')})`);
    out.push(...subjects);
  }
  const unknown = out.filter((t) => !known.includes(t));
  if (unknown.length) throw new UsageError(`--only ${unknown.join(',')}: not in the plan ${plan.plan_id} (its targets: ${known.join(', ')})`);
  return out;
}

/** The published plan restricted to `only` targets (plus the baseline) and to the cases `rows` have. */
export function restrictPlan(plan: Plan, o: { only?: string[]; rows?: readonly Row[] }): Plan {
  let runs = plan.runs;
  if (o.only) {
    const only = onlyTargets(plan, o.only);
    runs = runs.filter((r) => r.target === BASELINE || only.includes(r.target));
  }
  if (o.rows) {
    const cases = new Set(o.rows.map((r) => cellKey(String(r.benchmark), String(r.opt), targetLabel(r))));
    runs = runs.filter((r) => cases.has(cellKey(r.benchmark, r.opt, r.target)));
  }
  return { ...plan, runs, shard_est_s: [runs.reduce((s, r) => s + r.est_s, 0)] };
}

/** The plan's versioned targets this machine has not installed, with what installing each costs. */
function versionsToInstall(targets: readonly string[]): { spec: string; how: string; seconds: number }[] {
  const out = new Map<string, { spec: string; how: string; seconds: number }>();
  for (const t of targets) {
    const v = installableVersion(t);
    if (!v || isInstalled(v.runtime, v.version)) continue;
    const spec = `${v.runtime}@${v.version}`;
    if (!out.has(spec)) out.set(spec, { spec, ...INSTALL_COST[v.runtime]! });
  }
  return [...out.values()];
}

export async function reproduce(req: ReproRequest): Promise<ReproOutcome> {
  let dir = req.source;
  if (!existsSync(dir)) throw new UsageError(`no bundle or store at ${dir}`);
  const fromStore = statSync(dir).isFile();
  if (fromStore) {
    // A store: bundle it (one sweep of it, if asked) as `wasmlab publish --bundle` would.
    dir = mkdtempSync(join(tmpdir(), 'wasmlab-bundle-'));
    await writeBundle(req.source, dir, { sweep: req.sweep });
  }
  const planFile = join(dir, BUNDLE_FILES.plan);
  if (!existsSync(planFile)) throw new UsageError(`${dir} is not a bundle (no ${BUNDLE_FILES.plan}; wasmlab publish --bundle DIR --store F writes one)`);
  // The published rows are needed before measuring only to find one sweep's cases in a bundle.
  const sweepRows = req.sweep !== undefined && !fromStore ? await publishedRows(dir, req.sweep) : undefined;
  const plan = restrictPlan(readPlan(planFile), { only: req.only, rows: sweepRows });
  if (!plan.runs.length) throw new UsageError(`nothing to replicate: the plan ${plan.plan_id} has no runs left after --only/--sweep`);
  const targets = targetsOf(plan);
  const log = req.log ?? (() => {});
  const installs = versionsToInstall(targets);
  for (const i of installs) log(`${req.dryRun ? 'would install' : 'installs'} ${i.spec} (${i.how}): ~${fmt(i.seconds)}`);
  if (installs.length && !req.dryRun) {
    const failed = (await addRuntimes(installs.map((i) => i.spec), { log: (m) => log(`  … ${m}`) }, bench)).filter((r) => !r.ok);
    if (failed.length) throw new UsageError(`cannot replicate plan ${plan.plan_id} here: ${failed.map((r) => `${r.id} cannot be had (${r.reason || 'its install failed'})`).join('; ')}`);
  }
  // Checked here: the plan's targets (a dry run cannot plan a version it has not installed yet).
  const specOf = (t: string) => { const v = installableVersion(t); return v ? `${v.runtime}@${v.version}` : ''; };
  const pending = new Set(req.dryRun ? targets.filter((t) => installs.some((i) => i.spec === specOf(t))) : []);
  const runtimes = plan.request.runtimes.filter((rt) => targets.some((t) => !pending.has(t) && (t === rt || t === `${rt}+aot`)));
  const here = runtimes.length ? await plannedRuns({ ...requestOf({ ...plan.request, runtimes }), only: shardReps(plan, 0) }) : [];
  const mismatches = planMismatches(plan, here);
  if (mismatches.length) throw new UsageError(`cannot replicate plan ${plan.plan_id} here: ${mismatches.join('; ')}`);
  const est = plan.runs.reduce((s, r) => s + r.est_s, 0);
  const installS = installs.reduce((s, i) => s + i.seconds, 0);
  const benchmarks = new Set(plan.runs.map((r) => r.benchmark)).size;
  const summary = `plan ${plan.plan_id}: ${plan.runs.length} runs (${benchmarks} benchmarks × ${targets.join(', ')} × ${plan.request.reps} reps, size ${plan.request.size}), estimated ${fmt(est)}`
    + (installs.length ? `, plus ~${fmt(installS)} to install ${installs.map((i) => i.spec).join(', ')}` : '');
  const specs = installs.map((i) => i.spec);
  log(summary); // before measuring: the estimate is for deciding whether to wait
  if (req.dryRun) return { plan, estimate_s: est, summary, store: null, installs: specs, rows: null, findings: [] };

  const store = req.store ?? join(fromStore ? mkdtempSync(join(tmpdir(), 'wasmlab-repro-')) : dir, 'repro.duckdb');
  // runShard reads a plan file: the restricted plan gets one of its own.
  const restricted = join(mkdtempSync(join(tmpdir(), 'wasmlab-plan-')), 'plan.json');
  writePlan(restricted, plan);
  if (req.slurm) {
    // The job's files go beside the store (NEW.slurm/), so running again resumes from them.
    await runPlanOnSlurm(plan, { shards: req.slurm.shards, workdir: store.replace(/\.duckdb$/, '') + '.slurm', into: store, log, signal: req.signal });
  } else await runShard(restricted, 0, { store, pin: req.pin, signal: req.signal, onEvent: req.onEvent });
  // Both sides as far as the restricted plan reaches (the new store may hold other runs too).
  const inPlan = (rows: readonly Row[]) => rows.filter((r) => targets.includes(targetLabel(r)));
  const a = inPlan(sweepRows ?? (fromStore ? ((await load({ store: req.source, sweep: req.sweep })) as unknown as Row[]) : await publishedRows(dir)));
  const b = inPlan((await load({ store })) as unknown as Row[]);
  const names: [string, string] = ['published', 'here'];
  return { plan, estimate_s: est, summary, store, installs: specs, rows: replicate(a, b, { margin: req.margin, names }), findings: findingChanges(a, b, { names }) };
}
