/** `wasmlab suite [FILTER]`, `wasmlab suite import PATH` and `wasmlab compile`. */
import { compile, suite, UsageError } from '../api.js';
import { SUITE_IMPORT_USAGE, SUITE_USAGE, COMPILE_USAGE } from './usage.js';
import { flags, formatOf, FORMAT_FLAGS, printRows } from './flags.js';
import { basename, join, resolve } from 'node:path';
import { renderTable } from '../export/table.js';
import { cacheDir } from '../paths.js';
import { importWabench, ImportError, type Imported, type ImportReport } from '../suite/wabench.js';


function importCommand(argv: string[]): number {
  const usage = SUITE_IMPORT_USAGE;
  const { values, positionals } = flags(argv, { out: { type: 'string', short: 'o' }, ...FORMAT_FLAGS }, usage);
  if (values.help) { console.log(usage); return 0; }
  const format = formatOf(values);
  if (positionals.length !== 1) throw new UsageError(usage.split('\n')[0]!);
  const tree = positionals[0]!;
  const out = resolve((values.out as string | undefined) ?? join(cacheDir, 'suites', basename(resolve(tree))));
  let r: ImportReport;
  try {
    r = importWabench(tree, out);
  } catch (e) {
    if (e instanceof ImportError) throw new UsageError(e.message);
    throw e;
  }
  if (format !== 'table') {
    const rows = [
      ...r.imported.map((i) => ({ id: i.id, status: 'imported', group: i.group, language: i.language, inputs: i.inputs, folder: i.folder, script: i.script,
        args: i.args, stdin: i.stdin ?? null, outputs: i.outputs, check: i.check, advisory_check: i.advisory_check ?? null, preopen: i.preopen, reps: i.reps ?? null, manifest: i.manifest, notes: i.notes })),
      ...r.skipped.map((s) => ({ id: s.id ?? null, status: 'skipped', entry: s.entry, reason: s.reason, missing: s.missing ?? null })),
    ];
    printRows(rows, ['id', 'status', 'group', 'language', 'check', 'reps', 'manifest', 'entry', 'reason'], format);
    return 0;
  }
  // CheckResult=false: off, but compared anyway for output_ok (advisory); unset (JetStream2): off.
  const checkOf = (i: Imported) => (i.check !== 'none' ? i.check : i.advisory_check ? `advisory: ${i.advisory_check} (CheckResult=false)` : 'none (CheckResult unset)');
  const inputs = (i: Imported) => [i.stdin ? `< ${i.stdin}` : '', ...i.inputs.filter((x) => x !== i.stdin)].filter(Boolean).join(' ') || '-';
  process.stdout.write(renderTable(r.imported, [
    { title: 'id', get: (i) => i.id },
    { title: 'group', get: (i) => i.group },
    { title: 'lang', get: (i) => i.language },
    { title: 'inputs', get: inputs },
    { title: 'check', get: checkOf },
    { title: 'reps', get: (i) => i.reps ?? '' },
    { title: 'preopen', get: (i) => (i.preopen ? '.' : '-') },
  ], 60));
  for (const i of r.imported) for (const n of i.notes) process.stdout.write(`note: ${i.id}: ${n}\n`);
  if (r.skipped.length) {
    process.stdout.write(`\nskipped ${r.skipped.length}:\n`);
    for (const s of r.skipped) process.stdout.write(`  ${s.id ?? s.entry}: ${s.reason}\n`);
  }
  const of = r.entries ? ` of ${r.entries} run.sh entries` : '';
  process.stdout.write(`\nimported ${r.imported.length} benchmarks${of} into ${out}\nrun them: wasmlab run --bench ${out} --runtime native,wasmtime\n`);
  return 0;
}

export function suiteCommand(argv: string[]): number {
  if (argv[0] === 'import') return importCommand(argv.slice(1));
  const { values, positionals } = flags(argv, FORMAT_FLAGS, SUITE_USAGE);
  if (values.help) { console.log(SUITE_USAGE); return 0; }
  const format = formatOf(values);
  if (positionals.length > 1) throw new UsageError(`one FILTER at most (got ${positionals.length}: ${positionals.join(' ')})`);
  const rows = suite(positionals[0]);
  if (format !== 'table') { printRows(rows, ['id', 'group', 'category', 'language', 'sizes', 'check', 'origin', 'description'], format); return 0; }
  process.stdout.write(renderTable(rows, [
    { title: 'id', get: (r) => r.id },
    { title: 'category', get: (r) => r.category },
    { title: 'lang', get: (r) => r.language },
    { title: 'sizes', get: (r) => r.sizes.join(',') },
    { title: 'description', get: (r) => r.description },
  ], 70));
  process.stdout.write(`${rows.length} benchmarks\n`);
  return 0;
}

export async function compileCommand(argv: string[]): Promise<number> {
  const { values: v, positionals } = flags(argv, { bench: { type: 'string', short: 'b' }, opt: { type: 'string', short: 'O' }, target: { type: 'string', short: 't' }, simd: { type: 'boolean' }, features: { type: 'string' }, ...FORMAT_FLAGS }, COMPILE_USAGE);
  if (v.help) { console.log(COMPILE_USAGE); return 0; }
  const format = formatOf(v);
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}" (benchmarks go after --bench)`);
  const split = (s: unknown) => (typeof s === 'string' ? s.split(',').filter(Boolean) : undefined);
  const targets = split(v.target);
  if (targets?.some((t) => t !== 'native' && t !== 'wasm')) throw new UsageError('--target is native, wasm or both');
  const features = [...(v.simd ? ['simd128'] : []), ...(split(v.features) ?? [])];
  const rows = await compile({ benchmarks: split(v.bench), opt: split(v.opt), targets: targets as ('native' | 'wasm')[] | undefined, features });
  if (format !== 'table') { printRows(rows, ['benchmark', 'target', 'opt', 'features', 'v128', 'bytes', 'compile_s', 'cached', 'sha256', 'path'], format); return 0; }
  process.stdout.write(renderTable(rows, [
    { title: 'benchmark', get: (r) => r.benchmark }, { title: 'target', get: (r) => r.target }, { title: 'opt', get: (r) => r.opt },
    { title: 'features', get: (r) => r.features }, { title: 'v128', get: (r) => r.v128 ?? '' },
    { title: 'bytes', get: (r) => r.bytes }, { title: 'compile_s', get: (r) => r.compile_s }, { title: 'cached', get: (r) => r.cached },
    { title: 'sha256', get: (r) => r.sha256.slice(0, 16) }, { title: 'path', get: (r) => r.path },
  ], 90));
  return 0;
}
