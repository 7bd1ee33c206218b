/**
 * `wasmlab repro BUNDLE|STORE [--store NEW] [--dry-run]`: measure a published bundle's runs again
 * here and decide, per target, whether they replicate (the decisions of `wasmlab diff`). Before
 * anything runs: the plan is re-planned here and checked (runtime versions, artifact hashes); a
 * mismatch is refused in one line. `--dry-run` prints the plan and its estimate, launches nothing.
 * `wasmlab publish --bundle DIR --store F` writes a bundle (src/publish/bundle.ts).
 */
import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importRuns, load, UsageError } from '../api.js';
import { parseMargin } from '../analysis/equivalence.js';
import { replicate } from '../analysis/replicate.js';
import type { Row } from '../analysis/rows.js';
import { runShard } from '../cluster/shard.js';
import { plannedRuns, requestOf } from '../plan/make.js';
import { planMismatches, readPlan, shardReps } from '../plan/plan.js';
import { BUNDLE_FILES, writeBundle } from '../publish/bundle.js';
import { exitOf, printReplication } from './diff.js';
import { flags, formatOf, FORMAT_FLAGS } from './flags.js';
import { BUNDLE_USAGE, REPRO_USAGE } from './usage.js';

const fmt = (s: number) => (s < 120 ? `${s.toFixed(1)} s` : `${(s / 60).toFixed(1)} min`);

/** `wasmlab publish --bundle DIR --store F`. */
export async function bundleCommand(argv: string[]): Promise<number> {
  const { values: v } = flags(argv, { bundle: { type: 'string' }, store: { type: 'string' } }, BUNDLE_USAGE);
  const store = v.store === undefined ? process.env.WASMLAB_STORE : String(v.store);
  if (!v.bundle || !store) throw new UsageError(BUNDLE_USAGE);
  const { plan, files } = await writeBundle(store, String(v.bundle));
  console.log(`bundle of ${store}: plan ${plan.plan_id}, ${plan.runs.length} runs; ${files.map((f) => `${f} (${statSync(f).size} bytes)`).join(', ')}`);
  return 0;
}

export async function reproCommand(argv: string[]): Promise<number> {
  const { values: v, positionals } = flags(argv, { store: { type: 'string' }, 'dry-run': { type: 'boolean' }, margin: { type: 'string' }, ...FORMAT_FLAGS }, REPRO_USAGE);
  if (v.help) { console.log(REPRO_USAGE); return 0; }
  if (positionals.length !== 1) throw new UsageError(REPRO_USAGE);
  const format = formatOf(v);
  const margin = v.margin === undefined ? undefined : parseMargin(String(v.margin));
  if (typeof margin === 'string') throw new UsageError(`--margin: ${margin}`);
  let dir = positionals[0]!;
  if (!existsSync(dir)) throw new UsageError(`no bundle or store at ${dir}`);
  if (statSync(dir).isFile()) {
    const bundled = mkdtempSync(join(tmpdir(), 'wasmlab-bundle-'));
    await writeBundle(dir, bundled);
    dir = bundled;
  }
  const planFile = join(dir, BUNDLE_FILES.plan);
  if (!existsSync(planFile)) throw new UsageError(`${dir} is not a bundle (no ${BUNDLE_FILES.plan}; wasmlab publish --bundle DIR --store F writes one)`);
  const plan = readPlan(planFile);
  const here = await plannedRuns({ ...requestOf(plan.request), only: shardReps(plan, 0) });
  const mismatches = planMismatches(plan, here);
  if (mismatches.length) throw new UsageError(`cannot replicate plan ${plan.plan_id} here: ${mismatches.join('; ')}`);
  const est = plan.runs.reduce((s, r) => s + r.est_s, 0);
  console.error(`plan ${plan.plan_id}: ${plan.runs.length} runs (${plan.request.benchmarks.length} benchmarks × ${plan.request.runtimes.join(', ')} × ${plan.request.reps} reps, size ${plan.request.size}), estimated ${fmt(est)}`);
  if (v['dry-run']) {
    if (format === 'json') console.log(JSON.stringify(plan.runs.map(({ benchmark, size, opt, target, rep, runtime_version }) => ({ benchmark, size, opt, target, rep, runtime_version })), null, 1));
    else for (const r of plan.runs) console.log(`${r.benchmark} ${r.size} ${r.opt} ${r.target} ${r.runtime_version} rep ${r.rep}`);
    return 0;
  }
  const store = v.store === undefined ? join(dir, 'repro.duckdb') : String(v.store);
  await runShard(planFile, 0, { store });
  const published = join(mkdtempSync(join(tmpdir(), 'wasmlab-published-')), 'published.duckdb');
  await importRuns({ store: published, file: join(dir, BUNDLE_FILES.runs), format: 'parquet' });
  const a = (await load({ store: published })) as unknown as Row[];
  const b = (await load({ store })) as unknown as Row[];
  const rows = replicate(a, b, { margin, names: ['published', 'here'] });
  printReplication(rows, format);
  return exitOf(rows);
}
