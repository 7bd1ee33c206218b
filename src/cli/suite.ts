/** `wasmlab suite [FILTER] [--json]` and `wasmlab compile`. */
import { parseArgs } from 'node:util';
import { compile, suite, UsageError } from '../api.js';
import { basename, join, resolve } from 'node:path';
import { renderTable } from '../export/table.js';
import { cacheDir } from '../paths.js';
import { importWabench, ImportError, type Imported, type ImportReport } from '../suite/wabench.js';

function importCommand(argv: string[]): number {
  const usage = 'wasmlab suite import PATH [--out DIR] [--json]';
  const { values, positionals } = (() => {
    try {
      return parseArgs({ args: argv, options: { out: { type: 'string', short: 'o' }, json: { type: 'boolean' } }, allowPositionals: true, strict: true });
    } catch (e) {
      throw new UsageError(`${(e as Error).message.split('\n')[0]} (${usage})`);
    }
  })();
  if (positionals.length !== 1) throw new UsageError(`usage: ${usage}`);
  const tree = positionals[0]!;
  const out = resolve(values.out ?? join(cacheDir, 'suites', basename(resolve(tree))));
  let r: ImportReport;
  try {
    r = importWabench(tree, out);
  } catch (e) {
    if (e instanceof ImportError) throw new UsageError(e.message);
    throw e;
  }
  if (values.json) {
    const rows = [
      ...r.imported.map((i) => ({ id: i.id, status: 'imported', group: i.group, language: i.language, inputs: i.inputs, folder: i.folder, script: i.script,
        args: i.args, stdin: i.stdin ?? null, outputs: i.outputs, check: i.check, advisory_check: i.advisory_check ?? null, preopen: i.preopen, reps: i.reps ?? null, manifest: i.manifest, notes: i.notes })),
      ...r.skipped.map((s) => ({ id: s.id ?? null, status: 'skipped', entry: s.entry, reason: s.reason, missing: s.missing ?? null })),
    ];
    process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
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
  const json = argv.includes('--json');
  const filter = argv.filter((a) => a !== '--json');
  if (filter.some((a) => a.startsWith('-'))) throw new UsageError(`unknown flag ${filter.find((a) => a.startsWith('-'))} (wasmlab suite [FILTER] [--json])`);
  const rows = suite(filter[0]);
  if (json) { process.stdout.write(JSON.stringify(rows, null, 2) + '\n'); return 0; }
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
  let v;
  try {
    v = parseArgs({ args: argv, options: { bench: { type: 'string', short: 'b' }, opt: { type: 'string', short: 'O' }, target: { type: 'string', short: 't' }, json: { type: 'boolean' }, simd: { type: 'boolean' }, features: { type: 'string' } }, strict: true }).values;
  } catch (e) {
    throw new UsageError(`${(e as Error).message.split('\n')[0]} (wasmlab compile --bench LIST [--opt O0,O2] [--target native,wasm] [--simd] [--features LIST] [--json])`);
  }
  const split = (s?: string) => (s ? s.split(',').filter(Boolean) : undefined);
  const targets = split(v.target);
  if (targets?.some((t) => t !== 'native' && t !== 'wasm')) throw new UsageError('--target is native, wasm or both');
  const features = [...(v.simd ? ['simd128'] : []), ...(split(v.features) ?? [])];
  const rows = await compile({ benchmarks: split(v.bench), opt: split(v.opt), targets: targets as ('native' | 'wasm')[] | undefined, features });
  if (v.json) { process.stdout.write(JSON.stringify(rows, null, 2) + '\n'); return 0; }
  process.stdout.write(renderTable(rows, [
    { title: 'benchmark', get: (r) => r.benchmark }, { title: 'target', get: (r) => r.target }, { title: 'opt', get: (r) => r.opt },
    { title: 'features', get: (r) => r.features }, { title: 'v128', get: (r) => r.v128 ?? '' },
    { title: 'bytes', get: (r) => r.bytes }, { title: 'compile_s', get: (r) => r.compile_s }, { title: 'cached', get: (r) => r.cached },
    { title: 'sha256', get: (r) => r.sha256.slice(0, 16) }, { title: 'path', get: (r) => r.path },
  ], 90));
  return 0;
}
