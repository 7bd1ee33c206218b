/**
 * A replication bundle of a store: what another machine needs to measure the same runs and
 * compare (src/cli/repro.ts). In DIR: runs.parquet (the store's runs, its own export), plan.json
 * (the exact runs as `wasmlab plan` writes them, re-planned from the store's request: the same
 * benchmarks, targets, opt levels, size and reps, with versions and artifact hashes), host.json
 * (the host fingerprint and each target's runtime versions), verdicts.json (each target's ratio to
 * native with its inputs: the paired decision of src/analysis/paired.ts). With `sweep`, only that
 * sweep's runs are bundled (a store of many sweeps: replicate one of them).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { comparePair } from '../analysis/paired.js';
import { UsageError as RowsError, type Row } from '../analysis/rows.js';
import { hostFingerprint } from '../measure/host.js';
import { makePlan, requestOf } from '../plan/make.js';
import { writePlan, type Plan, type PlanRequest } from '../plan/plan.js';
import { targetLabel } from '../record.js';
import { load, sql, exportRuns } from '../store/query.js';
import { sqlText } from '../store/sql.js';
import { UsageError } from '../errors.js';

export const BUNDLE_FILES = { runs: 'runs.parquet', plan: 'plan.json', host: 'host.json', verdicts: 'verdicts.json' } as const;

/** The SQL condition of one sweep's runs, or none. */
const sweepWhere = (sweep?: string) => (sweep === undefined ? undefined : `sweep_id = ${sqlText(sweep)}`);

/** The request that measured a store's runs (one size; reps as the most any case has), of one sweep if given. */
export async function requestOfStore(store: string, sweep?: string): Promise<PlanRequest> {
  const r = await sql(store, `SELECT DISTINCT benchmark, size, opt, runtime, mode, aot, (max(rep) OVER ()) + 1 AS reps FROM runs WHERE NOT superseded${sweep === undefined ? '' : ` AND ${sweepWhere(sweep)}`}`);
  if (!r.rows.length) throw new UsageError(sweep === undefined ? `${store} has no runs to bundle` : `${store} has no runs of sweep ${sweep} (wasmlab sweeps --store ${store} lists them)`);
  const uniq = (k: string) => [...new Set(r.rows.map((x) => String(x[k])))].sort();
  const sizes = uniq('size');
  if (sizes.length > 1) throw new UsageError(`${store} holds several sizes (${sizes.join(', ')}): bundle one (a store per size)`);
  return {
    benchmarks: uniq('benchmark'), runtimes: [...new Set(r.rows.map((x) => targetLabel({ ...x, aot: false })))].sort(), opt: uniq('opt'), size: sizes[0]!,
    reps: Number(r.rows[0]!.reps), warmup: 1, aot: r.rows.some((x) => x.aot === true), counters: 'none', timeout: null,
  };
}

export async function writeBundle(store: string, dir: string, o: { sweep?: string } = {}): Promise<{ plan: Plan; files: string[] }> {
  const where = sweepWhere(o.sweep);
  const request = await requestOfStore(store, o.sweep);
  mkdirSync(dir, { recursive: true });
  const plan = await makePlan(requestOf(request), { shards: 1, history: store });
  writePlan(join(dir, BUNDLE_FILES.plan), plan);
  await exportRuns({ store, file: join(dir, BUNDLE_FILES.runs), format: 'parquet', where });
  const versions = (await sql(store, `SELECT DISTINCT runtime, mode, aot, runtime_version FROM runs${where ? ` WHERE ${where}` : ''} ORDER BY ALL`)).rows
    .map((x) => ({ target: targetLabel(x), runtime_version: String(x.runtime_version ?? '') }));
  writeFileSync(join(dir, BUNDLE_FILES.host), `${JSON.stringify({ host: hostFingerprint(), versions }, null, 1)}\n`);
  const rows = (await load({ store, sweep: o.sweep })) as unknown as Row[];
  const subjects = [...new Set(rows.map((x) => targetLabel(x)))].filter((t) => t !== 'native').sort();
  // A target with no case native also ran (notebook 12's wamr:aot on SIMD builds) has no verdict: say why, do not fail.
  const verdictOf = (t: string) => {
    try { return comparePair(rows, t, { baseline: 'native' }); } catch (e) {
      if (e instanceof RowsError) return { subject: t, baseline: 'native', n_paired: 0, reason: e.message };
      throw e;
    }
  };
  const verdicts = rows.some((x) => x.runtime === 'native') ? subjects.map(verdictOf) : [];
  writeFileSync(join(dir, BUNDLE_FILES.verdicts), `${JSON.stringify(verdicts, null, 1)}\n`);
  return { plan, files: Object.values(BUNDLE_FILES).map((f) => join(dir, f)) };
}
