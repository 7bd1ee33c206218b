/**
 * `wasmlab report`: the geomean-with-CI table per target, the verdicts, the per-benchmark
 * ratios and the excluded runs, for rows from a file. The numbers are `report()`'s
 * (src/analysis/report.ts); --format json prints that object as it is. Rows come from one
 * function, loadRows(), so a new source (a results store, a query) is one more branch there.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { load, UsageError } from '../api.js';
import { REPORT_USAGE } from './usage.js';
import { UsageError as AnalysisUsageError, type Row } from '../analysis/rows.js';
import { report, type Report } from '../analysis/report.js';
import type { Baseline } from '../analysis/compare.js';
import { readRowsText } from '../export/formats.js';
import { csvTable } from '../export/csv.js';
import { formatOf } from './flags.js';
import { renderTable, type Column } from '../export/table.js';
import { fmtRatio } from '../analysis/verdict.js';
import type { GeomeanRow } from '../analysis/geomeans.js';


const OPTIONS = {
  in: { type: 'string' },
  store: { type: 'string' },
  where: { type: 'string' },
  baseline: { type: 'string' },
  metric: { type: 'string' },
  format: { type: 'string', short: 'f' },
  json: { type: 'boolean' },
  'per-benchmark': { type: 'boolean' },
  resamples: { type: 'string' },
  seed: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS }>>['values'];

/** The rows to report on, from the flags. Add sources here. */
export async function loadRows(values: Values): Promise<Row[]> {
  if (values.in && values.store) throw new UsageError('give --in FILE or --store F, not both');
  const store = values.store ?? (values.in ? undefined : process.env.WASMLAB_STORE);
  if (store) return (await load({ store, where: values.where })) as unknown as Row[];
  if (values.where) throw new UsageError('--where filters a store: add --store F');
  if (!values.in) throw new UsageError(`no rows: give --in FILE or --store F\n${REPORT_USAGE}`);
  let text: string;
  try {
    text = readFileSync(values.in, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${values.in}: ${(e as Error).message}`);
  }
  try {
    return readRowsText(values.in, text);
  } catch (e) {
    throw new UsageError(`${values.in}: ${(e as Error).message}`);
  }
}

export function parseBaseline(s: string | undefined): Baseline {
  if (s === undefined) return 'native';
  if (s === 'no-aot' || s === 'no-simd') return { sameTarget: s };
  if (/^O[0-3sz]$/.test(s)) return { sameTarget: s };
  if (s.startsWith('version=')) return { version: s.slice('version='.length) };
  return s;
}

const ci = (lo: number | null, hi: number | null) => (lo === null || hi === null ? 'no CI' : `${fmtRatio(lo)}–${fmtRatio(hi)}`);

const GEO_COLUMNS: Column<GeomeanRow>[] = [
  { title: 'target', get: (g) => g.subject },
  { title: 'geomean ×', get: (g) => fmtRatio(g.geomean) },
  { title: '95% CI', get: (g) => ci(g.ci_low, g.ci_high) },
  { title: 'benchmarks', get: (g) => g.benchmarks },
  { title: 'below 1', get: (g) => g.below },
  { title: 'above 1', get: (g) => g.above },
  { title: 'Wilcoxon p', get: (g) => (g.wilcoxon_p === null ? '' : g.wilcoxon_p < 0.001 ? '< 0.001' : g.wilcoxon_p.toPrecision(2)) },
];

const GEO_CSV_COLUMNS = ['subject', 'baseline', 'geomean', 'ci_low', 'ci_high', 'benchmarks', 'below', 'above', 'wilcoxon_p', 'verdict'];

function markdownTable<T>(rows: T[], cols: Column<T>[]): string {
  const esc = (v: unknown) => String(v ?? '').replace(/\|/g, '\\|');
  return [`| ${cols.map((c) => c.title).join(' | ')} |`, `|${cols.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${cols.map((c) => esc(c.get(r))).join(' | ')} |`)].join('\n') + '\n';
}

function excludedLine(r: Report): string {
  const e = r.excluded;
  const why = e.reasons.slice(0, 5).map((x) => `${x.count}× ${x.reason}`).join('; ');
  return `excluded: ${e.failed} failed run(s), ${e.invalid} unusable value(s) of ${r.rows} rows${why ? ` (${why}${e.reasons.length > 5 ? '; …' : ''})` : ''}`;
}

/** Benchmarks × targets: "ratio [low–high]" per cell, "—" where the pair could not be compared. */
function perBenchmark(r: Report, format: 'table' | 'markdown'): string {
  const targets = r.geomeans.map((g) => g.subject);
  const benches = [...new Set(r.comparisons.map((c) => `${c.benchmark}\u0000${c.size}\u0000${c.opt}`))];
  const at = new Map(r.comparisons.map((c) => [`${c.benchmark}\u0000${c.size}\u0000${c.opt}\u0000${c.subject}`, c]));
  const rows = benches.map((b) => ({ b, cells: targets.map((t) => at.get(`${b}\u0000${t}`)) }));
  const cols: Column<(typeof rows)[number]>[] = [
    { title: 'benchmark', get: (x) => x.b.split('\u0000').filter(Boolean).join(' ') },
    ...targets.map((t, i) => ({ title: t, get: (x: (typeof rows)[number]) => { const c = x.cells[i]; return c ? `${fmtRatio(c.ratio)} [${ci(c.ci_low, c.ci_high)}]` : '—'; } })),
  ];
  return format === 'markdown' ? markdownTable(rows, cols) : renderTable(rows, cols, 40);
}

export function renderReport(r: Report, format: 'table' | 'markdown', withBenchmarks = false): string {
  if (withBenchmarks) {
    const title = `per benchmark: ratio of medians over ${r.baseline} [95% CI]`;
    return renderReport(r, format) + '\n' + (format === 'markdown' ? `**${title}**\n\n` : `${title}\n\n`) + perBenchmark(r, format);
  }
  const head = `${r.metric}: ratio of medians over ${r.baseline}, geomean over benchmarks with a 95% CI (${r.geomeans[0]?.method ?? 'no interval'}, seed ${r.geomeans[0]?.seed ?? ''}; docs/statistics.md)`;
  const missing = r.missing.length ? `not compared: ${r.missing.length} case(s): ${r.missing.slice(0, 5).map((m) => `${m.subject} on ${m.benchmark} (${m.reason})`).join('; ')}${r.missing.length > 5 ? '; …' : ''}` : '';
  if (format === 'markdown') {
    return [`**${head}**`, '', markdownTable(r.geomeans, GEO_COLUMNS), ...r.geomeans.map((g) => `- ${g.verdict}`), '', `_${excludedLine(r)}_`, missing ? `\n_${missing}_` : ''].join('\n') + '\n';
  }
  return [head, '', renderTable(r.geomeans, GEO_COLUMNS), ...r.geomeans.map((g) => `  ${g.verdict}`), '', excludedLine(r), missing].filter((x, i, a) => x !== '' || i < a.length - 1).join('\n') + '\n';
}

export async function reportCommand(argv: string[]): Promise<number> {
  let values: Values;
  try {
    values = parseArgs({ args: argv, options: OPTIONS, allowPositionals: false }).values;
  } catch (e) {
    throw new UsageError(`${(e as Error).message.split('\n')[0]}\n${REPORT_USAGE}`);
  }
  if (values.help) { console.log(REPORT_USAGE); return 0; }
  const format = formatOf(values, ['table', 'csv', 'json', 'markdown']);
  const num = (s: string | undefined, name: string) => {
    if (s === undefined) return undefined;
    const n = Number(s);
    if (!Number.isInteger(n) || n < 0) throw new UsageError(`--${name} takes a whole number (got "${s}")`);
    return n;
  };
  const rows = await loadRows(values);
  let r: Report;
  try {
    r = report(rows, { baseline: parseBaseline(values.baseline), metric: values.metric ?? 'kernel_s', resamples: num(values.resamples, 'resamples'), seed: num(values.seed, 'seed') });
  } catch (e) {
    if (e instanceof AnalysisUsageError) throw new UsageError(e.message);
    throw e;
  }
  if (format === 'csv') process.stdout.write(csvTable(GEO_CSV_COLUMNS, r.geomeans as unknown as Record<string, unknown>[]));
  else process.stdout.write(format === 'json' ? JSON.stringify(r, null, 2) + '\n' : renderReport(r, format as 'table' | 'markdown', Boolean(values['per-benchmark'])));
  return 0;
}
