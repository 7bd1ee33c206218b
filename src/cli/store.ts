/** `wasmlab sql`, `sweeps`, `export`, `import`: the results store from the command line. */
import { exportRuns, importRuns, sql, sweeps, UsageError } from '../api.js';
import { SQL_USAGE, SWEEPS_USAGE, EXPORT_USAGE, IMPORT_USAGE } from './usage.js';
import { flags, formatOf, FORMAT_FLAGS, printRows, type Values } from './flags.js';



/** The --store flag; without it the core uses $WASMLAB_STORE, or says how to name one. */
const store = (v: Values) => v.store as string | undefined;


export async function sqlCommand(argv: string[]): Promise<number> {
  const usage = SQL_USAGE;
  const { values, positionals } = flags(argv, { store: { type: 'string' }, ...FORMAT_FLAGS }, usage);
  if (values.help) { console.log(usage); return 0; }
  const format = formatOf(values);
  if (positionals.length !== 1) throw new UsageError(`give the query as one argument, quoted (${usage.split('\n')[0]})`);
  const r = await sql(store(values), positionals[0]!);
  printRows(r.rows, r.columns, format, 80);
  return 0;
}

export async function sweepsCommand(argv: string[]): Promise<number> {
  const usage = SWEEPS_USAGE;
  const { values } = flags(argv, { store: { type: 'string' }, ...FORMAT_FLAGS }, usage);
  if (values.help) { console.log(usage); return 0; }
  const format = formatOf(values);
  const r = await sweeps(store(values));
  // The request is JSON: show what was asked in a few words.
  const rows = r.rows.map((s) => {
    const q = JSON.parse(String(s.request ?? '{}')) as { benchmarks?: string[]; runtimes?: string[]; opt?: string[]; size?: string; reps?: unknown };
    return { ...s, request: `${(q.benchmarks ?? []).join(',')} × ${(q.runtimes ?? []).join(',')} ${(q.opt ?? []).join(',')} ${q.size ?? ''} reps ${q.reps ?? ''}` };
  });
  printRows(format === 'table' ? rows : r.rows, r.columns, format, 80);
  return 0;
}

export async function exportCommand(argv: string[]): Promise<number> {
  const usage = EXPORT_USAGE;
  const { values } = flags(argv, { store: { type: 'string' }, out: { type: 'string', short: 'o' }, format: { type: 'string', short: 'f' }, where: { type: 'string' } }, usage);
  if (values.help) { console.log(usage); return 0; }
  if (!values.out) throw new UsageError(`--out FILE is required (${usage})`);
  const n = await exportRuns({ store: store(values), file: values.out as string, format: values.format as string | undefined, where: values.where as string | undefined });
  console.error(`wrote ${n} runs to ${values.out}`);
  return 0;
}

export async function importCommand(argv: string[]): Promise<number> {
  const usage = IMPORT_USAGE;
  const { values, positionals } = flags(argv, { store: { type: 'string' }, format: { type: 'string', short: 'f' } }, usage);
  if (values.help) { console.log(usage); return 0; }
  if (!positionals.length) throw new UsageError(`name at least one file (${usage})`);
  const s = store(values);
  for (const file of positionals) {
    const r = await importRuns({ store: s, file, format: values.format as string | undefined });
    console.log(`${file}: ${r.added} runs added, ${r.skipped} already in the store (skipped)`);
  }
  return 0;
}
