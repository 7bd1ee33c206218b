/**
 * A replication bundle of a store: what another machine needs to measure the same runs and
 * compare (src/cli/repro.ts). In DIR: runs.parquet (the store's runs, its own export), plan.json
 * (the exact runs as `wasmlab plan` writes them, re-planned from the store's request: the same
 * benchmarks, targets, opt levels, size and reps, with versions and artifact hashes), host.json
 * (the host fingerprint and each target's runtime versions), verdicts.json (each target's ratio to
 * native with its inputs: the paired decision of src/analysis/paired.ts).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { comparePair } from '../analysis/paired.js';
import type { Row } from '../analysis/rows.js';
import { hostFingerprint } from '../measure/host.js';
import { makePlan, requestOf } from '../plan/make.js';
import { writePlan, type Plan, type PlanRequest } from '../plan/plan.js';
import { targetLabel } from '../record.js';
import { load, sql, exportRuns } from '../store/query.js';
import { UsageError } from '../errors.js';

export const BUNDLE_FILES = { runs: 'runs.parquet', plan: 'plan.json', host: 'host.json', verdicts: 'verdicts.json' } as const;

/** The request that measured a store's runs (one size; reps as the most any case has). */
export async function requestOfStore(store: string): Promise<PlanRequest> {
  const r = await sql(store, `SELECT DISTINCT benchmark, size, opt, runtime, mode, aot, (max(rep) OVER ()) + 1 AS reps FROM runs WHERE NOT superseded`);
  if (!r.rows.length) throw new UsageError(`${store} has no runs to bundle`);
  const uniq = (k: string) => [...new Set(r.rows.map((x) => String(x[k])))].sort();
  const sizes = uniq('size');
  if (sizes.length > 1) throw new UsageError(`${store} holds several sizes (${sizes.join(', ')}): bundle one (a store per size)`);
  return {
    benchmarks: uniq('benchmark'), runtimes: [...new Set(r.rows.map((x) => targetLabel({ ...x, aot: false })))].sort(), opt: uniq('opt'), size: sizes[0]!,
    reps: Number(r.rows[0]!.reps), warmup: 1, aot: r.rows.some((x) => x.aot === true), counters: 'none', timeout: null,
  };
}

export async function writeBundle(store: string, dir: string): Promise<{ plan: Plan; files: string[] }> {
  mkdirSync(dir, { recursive: true });
  const request = await requestOfStore(store);
  const plan = await makePlan(requestOf(request), { shards: 1, history: store });
  writePlan(join(dir, BUNDLE_FILES.plan), plan);
  await exportRuns({ store, file: join(dir, BUNDLE_FILES.runs), format: 'parquet' });
  const versions = (await sql(store, 'SELECT DISTINCT runtime, mode, aot, runtime_version FROM runs ORDER BY ALL')).rows
    .map((x) => ({ target: targetLabel(x), runtime_version: String(x.runtime_version ?? '') }));
  writeFileSync(join(dir, BUNDLE_FILES.host), `${JSON.stringify({ host: hostFingerprint(), versions }, null, 1)}\n`);
  const rows = (await load({ store })) as unknown as Row[];
  const subjects = [...new Set(rows.map((x) => targetLabel(x)))].filter((t) => t !== 'native').sort();
  const verdicts = rows.some((x) => x.runtime === 'native') ? subjects.map((t) => comparePair(rows, t, { baseline: 'native' })) : [];
  writeFileSync(join(dir, BUNDLE_FILES.verdicts), `${JSON.stringify(verdicts, null, 1)}\n`);
  return { plan, files: Object.values(BUNDLE_FILES).map((f) => join(dir, f)) };
}
