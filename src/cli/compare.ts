/**
 * `wasmlab compare`: one paired decision from a store — a subject against a baseline on the
 * benchmarks both have (src/analysis/paired.ts): the geomean ratio of medians with its 95% CI,
 * faster / slower / no detectable change, and the equivalence answer on a margin.
 */
import { parseArgs } from 'node:util';
import { load, UsageError } from '../api.js';
import { parseMargin } from '../analysis/equivalence.js';
import { comparePair } from '../analysis/paired.js';
import type { Baseline } from '../analysis/compare.js';
import { UsageError as AnalysisUsageError, type Row } from '../analysis/rows.js';



/** "version=1.2" → that version of the subject's target; "no-aot"; "no-simd"; an -O level; else a target. */
export function baselineOf(spec: string, subject: string): Baseline {
  if (spec.startsWith('version=')) return { version: spec.slice('version='.length), only: subject };
  if (spec === 'no-aot' || spec === 'no-simd' || /^O[0-3sz]$/.test(spec)) return { sameTarget: spec };
  return spec;
}

function count(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v)) throw new UsageError(`--${name} wants a whole number, got "${v}"`);
  return Number(v);
}

import { COMPARE_USAGE as USAGE } from './usage.js';

export async function compareCommand(argv: string[]): Promise<number> {
  let values;
  try {
    values = parseArgs({
      args: argv, strict: true, options: {
        store: { type: 'string' }, baseline: { type: 'string' }, subject: { type: 'string' }, metric: { type: 'string' }, margin: { type: 'string' },
        resamples: { type: 'string' }, seed: { type: 'string' }, where: { type: 'string' }, format: { type: 'string' }, help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (e) {
    throw new UsageError(`${(e as Error).message.split('\n')[0]}\n${USAGE}`);
  }
  if (values.help) { console.log(USAGE); return 0; }
  if (!values.baseline || !values.subject) throw new UsageError(`name --baseline and --subject\n${USAGE}`);
  const format = values.format ?? 'table';
  if (format !== 'table' && format !== 'json') throw new UsageError(`--format is table or json, got "${format}"`);
  const margin = values.margin === undefined ? undefined : parseMargin(values.margin);
  if (typeof margin === 'string') throw new UsageError(`--margin: ${margin}`);
  const store = values.store ?? process.env.WASMLAB_STORE;
  const rows = (await load({ store, where: values.where })) as unknown as Row[];
  const o = { baseline: baselineOf(values.baseline, values.subject), metric: values.metric, margin, resamples: count('resamples', values.resamples), seed: count('seed', values.seed) };
  let d;
  try {
    d = comparePair(rows, values.subject, o);
  } catch (e) {
    if (e instanceof AnalysisUsageError) throw new UsageError(e.message);
    throw e;
  }
  if (format === 'json') { console.log(JSON.stringify(d, null, 2)); return 0; }
  const f = (x: number | null) => (x === null ? '?' : x.toFixed(3));
  console.log(`${d.subject} against ${d.baseline} (${d.metric}): ${d.decision}; ${d.equivalence ?? 'no equivalence test'}`);
  console.log(`  geomean ratio ${f(d.geomean_ratio)} [${f(d.ci_low)}–${f(d.ci_high)}] (95% CI), p ${d.p === null ? '?' : d.p.toPrecision(2)}; ${d.n_paired} benchmarks paired, ${d.excluded.length} excluded`);
  console.log(`  method ${d.method}${d.resamples ? `; Monte-Carlo error of the upper end ±${(d.mc_error ?? 0).toFixed(4)}` : ''}`);
  for (const e of d.excluded) console.log(`  excluded: ${[e.benchmark, e.size, e.opt].filter(Boolean).join(' ')}: ${e.reason}`);
  console.log(`  estimand: ${d.estimand}`);
  return 0;
}
