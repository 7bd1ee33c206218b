/**
 * Counter and memory derivations per case and target, beside the baseline's:
 * - IPC = median(instructions) / median(cycles); branch-miss ratio = median(branch_misses) /
 *   median(branches); cache-miss ratio = median(cache_misses) / median(cache_references) —
 *   ratios of medians over the reps (a rep's own ratio is in the row already);
 * - instructions, branch misses and cache misses normalized to the baseline (the paper's
 *   "1.52×" columns) and the MRSS ratio, each a ratio of medians.
 * Every row says which counter scope its numbers cover: the rows' `counter_scope` column
 * (`process`: the whole process, start-up and compilation included; `kernel`: the program's
 * timed region only), `process` when the column is absent, as every current counter source
 * counts the whole process. A subject and a baseline of different scopes, or of different
 * counter sources (perf vs valgrind), get no normalized ratio (null) and a note: the numbers
 * are not comparable. cachegrind's miss ratios are simulated (docs/measuring.md: its branch predictor is
 * a simple model; interpreters' ratios are not comparable with perf's) and the note says so.
 */
import { median } from './aggregate.js';
import { pairGroups, type CompareOptions, type Pair } from './compare.js';
import { collectMany } from './summarize.js';
import type { Row } from './rows.js';

export interface CounterRow {
  benchmark: string;
  size: string;
  opt: string;
  subject: string;
  baseline: string;
  counter_scope: string;
  counter_source: string;
  n: number;
  ipc: number | null;
  branch_miss_ratio: number | null;
  cache_miss_ratio: number | null;
  baseline_ipc: number | null;
  baseline_branch_miss_ratio: number | null;
  baseline_cache_miss_ratio: number | null;
  instructions_x: number | null; // subject / baseline
  branch_misses_x: number | null;
  cache_misses_x: number | null;
  mrss_x: number | null;
  time_x: number | null; // median metric (kernel_s by default) / the baseline's
  maxrss_kb: number | null;
  baseline_maxrss_kb: number | null;
  note: string;
}

const COUNTS = ['cycles', 'instructions', 'branches', 'branch_misses', 'cache_references', 'cache_misses', 'maxrss_kb'] as const;
type Col = (typeof COUNTS)[number] | 'time';

const div = (a: number | null | undefined, b: number | null | undefined) => (a == null || b == null || b === 0 ? null : a / b);

/**
 * `o.metric` (default kernel_s) is the time whose ratio `time_x` is, e.g. for an IPC-vs-slowdown
 * plot. `o.only` limits the counts read (the others stay null), e.g. cycles and instructions.
 */
export function counters(rows: readonly Row[], o: CompareOptions & { only?: readonly (typeof COUNTS)[number][] } = {}): CounterRow[] {
  // A profile returns both scopes of each run (process as counted, kernel estimated): each scope
  // is compared within itself, or a median would mix whole-process and kernel-only counts. Rows
  // whose scopes hold different targets stay together, so the pairs say their scopes differ.
  const scopes = [...new Set(rows.map(scopeOf))];
  const targetsOf = (s: string) => [...new Set(rows.filter((r) => scopeOf(r) === s).map((r) => `${r.runtime}:${r.mode}:${r.aot}`))].sort().join();
  const split = scopes.length > 1 && scopes.every((s) => targetsOf(s) === targetsOf(scopes[0]!));
  return split ? scopes.flatMap((s) => countersOfScope(rows.filter((r) => scopeOf(r) === s), o)) : countersOfScope(rows, o);
}

/** A row's counter scope; rows from before the column existed counted the whole process. */
export const scopeOf = (r: Row): string => (typeof r.counter_scope === 'string' && r.counter_scope) || 'process';

function countersOfScope(rows: readonly Row[], o: CompareOptions & { only?: readonly (typeof COUNTS)[number][] }): CounterRow[] {
  const COLUMNS = [...(o.only ?? COUNTS), o.metric ?? 'kernel_s'];
  const nCounts = COLUMNS.length - 1;
  const one = (s: Set<string> | undefined) => (!s || s.size === 0 ? '' : s.size === 1 ? [...s][0]! : 'mixed');
  const out = new Map<string, { row: CounterRow; sub: Partial<Record<Col, number>>; base: Partial<Record<Col, number>> }>();
  const groups = collectMany(rows, COLUMNS, undefined, ['counter_scope', 'counter_source']);
  for (const [ci, col] of COLUMNS.entries()) {
    let pairs: Pair[];
    try {
      pairs = pairGroups(groups[ci]!, { ...o, metric: col }).pairs;
    } catch (e) {
      if (COLUMNS[ci] === 'maxrss_kb' || ci === nCounts || !/not in the rows/.test(String((e as Error).message))) throw e;
      continue;
    }
    for (const p of pairs) {
      const id = p.subject.id;
      const k = [id.benchmark, id.size, id.opt, id.host, p.subjectLabel].join('\u0000');
      let e = out.get(k);
      if (!e) {
        const tag = (g: Pair['subject'], c: string) => new Set([...(g.tags?.get(c) ?? [])].map((v) => (c === 'counter_scope' ? v || 'process' : v)).filter((v) => v && v !== 'none'));
        const scope = one(tag(p.subject, 'counter_scope')), bscope = one(tag(p.base, 'counter_scope'));
        const source = one(tag(p.subject, 'counter_source')), bsource = one(tag(p.base, 'counter_source'));
        const notes: string[] = [];
        if (scope !== bscope) notes.push(`counter scopes differ (${scope} vs ${bscope}): no normalized counts`);
        if (source && bsource && source !== bsource) notes.push(`counter sources differ (${source} vs ${bsource}): no normalized counts`);
        if (source === 'valgrind' || bsource === 'valgrind') notes.push('valgrind: simulated caches and branch predictor; interpreters\' miss ratios are not comparable with perf');
        e = {
          row: {
            benchmark: id.benchmark, size: id.size, opt: id.opt, subject: p.subjectLabel, baseline: p.baselineLabel,
            counter_scope: scope, counter_source: source, n: 0, ipc: null, branch_miss_ratio: null, cache_miss_ratio: null,
            baseline_ipc: null, baseline_branch_miss_ratio: null, baseline_cache_miss_ratio: null, instructions_x: null, branch_misses_x: null, cache_misses_x: null, mrss_x: null, time_x: null,
            maxrss_kb: null, baseline_maxrss_kb: null, note: notes.join('; '),
          },
          sub: {}, base: {},
        };
        out.set(k, e);
      }
      const c: Col = ci < nCounts ? (col as Col) : 'time';
      e.sub[c] = median(p.subject.values, true)!;
      e.base[c] = median(p.base.values, true)!;
      e.row.n = Math.max(e.row.n, p.subject.values.length);
    }
  }
  return [...out.values()].map(({ row, sub, base }) => {
    const comparable = !/differ/.test(row.note);
    return {
      ...row,
      ipc: div(sub.instructions, sub.cycles),
      branch_miss_ratio: div(sub.branch_misses, sub.branches),
      cache_miss_ratio: div(sub.cache_misses, sub.cache_references),
      baseline_ipc: div(base.instructions, base.cycles),
      baseline_branch_miss_ratio: div(base.branch_misses, base.branches),
      baseline_cache_miss_ratio: div(base.cache_misses, base.cache_references),
      instructions_x: comparable ? div(sub.instructions, base.instructions) : null,
      branch_misses_x: comparable ? div(sub.branch_misses, base.branch_misses) : null,
      cache_misses_x: comparable ? div(sub.cache_misses, base.cache_misses) : null,
      mrss_x: div(sub.maxrss_kb, base.maxrss_kb),
      time_x: div(sub.time, base.time),
      maxrss_kb: sub.maxrss_kb ?? null,
      baseline_maxrss_kb: base.maxrss_kb ?? null,
    };
  });
}
