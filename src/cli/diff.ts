/**
 * `wasmlab diff A B`: does B replicate A? Per target, the ratio of ratios (each side's ratio to
 * its baseline per benchmark, paired over the benchmarks both have) with its interval and the
 * decision replicated / differs / inconclusive (src/analysis/replicate.ts). A and B are stores;
 * with one store, `--sweep-a/--sweep-b` or `--where-a/--where-b` (e.g. "host = 'x'") pick the
 * two sides. Below the table, per finding of the study (analysis/verdict-change.ts) where both
 * sides can evaluate it: same verdict, or verdict changed. Exit status 3 when any row differs or
 * any verdict changed, else 0 (inconclusive rows are said, not failed).
 */
import { load, UsageError } from '../api.js';
import { parseMargin } from '../analysis/equivalence.js';
import { replicate, type ReplicationRow } from '../analysis/replicate.js';
import { findingChanges, findingLines, type FindingChange } from '../analysis/verdict-change.js';
import { UsageError as AnalysisUsageError, type Row } from '../analysis/rows.js';
import { baselineOf } from './compare.js';
import { flags, formatOf, FORMAT_FLAGS, intFlag, printRows } from './flags.js';
import { DIFF_USAGE as USAGE } from './usage.js';

export const DIFF_COLUMNS = ['target', 'benchmark', 'ratio_a', 'ratio_b', 'ratio_of_ratios', 'ci_low', 'ci_high', 'n_paired', 'decision', 'detail'];

const num = (x: number | null) => (x === null || !Number.isFinite(x) ? '' : x.toFixed(3));

/** Exit status: 3 when any target differs or any finding's verdict changed, 0 otherwise (inconclusive rows are said, not failed). */
export const exitOf = (rows: readonly ReplicationRow[], findings: readonly FindingChange[] = []): number =>
  (rows.some((r) => r.decision === 'differs') || findings.some((f) => f.outcome === 'verdict changed') ? 3 : 0);

/**
 * The rows as a table or CSV (numbers rounded) with the finding lines below (on stderr beside
 * CSV, which holds one table only), or JSON: {rows, findings}, every field as it is.
 */
export function printReplication(rows: ReplicationRow[], format: string, findings: readonly FindingChange[] = []): void {
  if (format === 'json') { process.stdout.write(`${JSON.stringify({ rows, findings }, null, 2)}\n`); return; }
  const shown = rows.map((r) => ({ ...r, ratio_a: num(r.ratio_a), ratio_b: num(r.ratio_b), ratio_of_ratios: num(r.ratio_of_ratios), ci_low: num(r.ci_low), ci_high: num(r.ci_high) }));
  printRows(shown, DIFF_COLUMNS, format);
  const lines = findingLines(findings);
  if (format === 'table') {
    const counts = ['replicated', 'differs', 'inconclusive'].map((d) => `${rows.filter((r) => r.decision === d).length} ${d}`).join(', ');
    console.log(`${counts}; ratio_of_ratios is B's ratio to ${rows[0]?.baseline ?? 'the baseline'} over A's (${rows[0]?.metric ?? ''}), 95% CI`);
    for (const r of rows) if (r.unpaired.length) console.log(`  ${r.target}: not paired: ${r.unpaired.join(', ')}`);
    for (const l of lines) console.log(l);
  } else for (const l of lines) console.error(l);
}

export async function diffCommand(argv: string[]): Promise<number> {
  const { values: v, positionals } = flags(argv, {
    by: { type: 'string' }, margin: { type: 'string' }, baseline: { type: 'string' }, metric: { type: 'string' },
    'sweep-a': { type: 'string' }, 'sweep-b': { type: 'string' }, 'where-a': { type: 'string' }, 'where-b': { type: 'string' },
    resamples: { type: 'string' }, seed: { type: 'string' }, ...FORMAT_FLAGS,
  }, USAGE);
  if (v.help) { console.log(USAGE); return 0; }
  if (positionals.length < 1 || positionals.length > 2) throw new UsageError(`name store A and store B (or one store with --sweep-a/--sweep-b or --where-a/--where-b)\n${USAGE}`);
  const [storeA, storeB = positionals[0]!] = positionals as [string, string?];
  if (positionals.length === 1 && v['sweep-a'] === undefined && v['sweep-b'] === undefined && v['where-a'] === undefined && v['where-b'] === undefined) {
    throw new UsageError(`with one store, pick the two sides with --sweep-a/--sweep-b or --where-a/--where-b\n${USAGE}`);
  }
  const format = formatOf(v);
  const by = v.by === undefined ? 'target' : String(v.by);
  if (by !== 'target' && by !== 'benchmark') throw new UsageError(`--by is target or benchmark (got "${by}")`);
  const margin = v.margin === undefined ? undefined : parseMargin(String(v.margin));
  if (typeof margin === 'string') throw new UsageError(`--margin: ${margin}`);
  const side = async (store: string, sweep: unknown, where: unknown) =>
    (await load({ store, sweep: sweep === undefined ? undefined : String(sweep), where: where === undefined ? undefined : String(where) })) as unknown as Row[];
  const a = await side(storeA, v['sweep-a'], v['where-a']);
  const b = await side(storeB, v['sweep-b'], v['where-b']);
  if (!a.length || !b.length) throw new UsageError(`side ${!a.length ? 'A' : 'B'} has no runs (check the store path and the --sweep/--where of that side)`);
  let rows;
  try {
    rows = replicate(a, b, {
      baseline: v.baseline === undefined ? undefined : baselineOf(String(v.baseline), ''), metric: v.metric === undefined ? undefined : String(v.metric),
      margin, by, resamples: intFlag('resamples', v.resamples), seed: intFlag('seed', v.seed),
    });
  } catch (e) {
    if (e instanceof AnalysisUsageError) throw new UsageError(e.message);
    throw e;
  }
  // Findings are judged on the whole of each side (their own rules pick the rows), not by --baseline/--metric.
  const findings = findingChanges(a, b, { resamples: intFlag('resamples', v.resamples), seed: intFlag('seed', v.seed) });
  printReplication(rows, format, findings);
  return exitOf(rows, findings);
}
