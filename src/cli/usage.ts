/**
 * Every command's usage text, in one light module: `wasmlab CMD --help` (and -h) is answered from
 * here by main.ts before the command (and the core it loads: DuckDB, the runtimes) is imported.
 * A command shows the same text with a usage error.
 */
import { SWEEP_USAGE } from './args.js';
import { FORMAT_USAGE } from './flags.js';
import { optionsFor } from '../options/table.js';

export { SWEEP_USAGE };
const STORE_HELP = '--store FILE (default $WASMLAB_STORE)';

export const PLAN_USAGE = 'usage: wasmlab plan --bench LIST --runtime LIST [run flags] --shards N --out plan.json [--store HISTORY.duckdb]\n  run flags: wasmlab run --help\n       wasmlab plan SUBJECT VERB BASELINE --power P [hypothesis flags]   a claim\'s plan alone: wasmlab hypothesis … --dry-run';
export const SHARD_USAGE = 'usage: wasmlab shard run plan.json --index I --store shard-I.duckdb [--pin CPUS] [--store-wait SEC] [--quiet]';
export const MERGE_USAGE = `usage: wasmlab merge SHARD.duckdb… --into RESULTS.duckdb [--plan plan.json] ${FORMAT_USAGE}`;
export const SLURM_USAGE = `usage: wasmlab slurm submit plan.json [--partition P] [--time HH:MM:SS] [--cpus-per-task C] [--workdir DIR]
       wasmlab slurm status JOB ${FORMAT_USAGE}
       wasmlab slurm collect JOB [--into RESULTS.duckdb] [--resubmit-failed] ${FORMAT_USAGE}
       wasmlab slurm local up|down      a one-node cluster on this machine, to try it out`;
export const DOCTOR_USAGE = `usage: wasmlab doctor ${FORMAT_USAGE}
  every runtime and mode (available, version, or why not and the fix), installed versions, and tools
  json: {runtimes, versions, tools}; csv: one row per runtime, version and tool (kind, id, ok, detail)`;
export const RUNTIME_USAGE = `usage: wasmlab runtime add SPEC… [--jobs N] [--force]   install versions (wasmtime@28.0.0, wasmtime@all, wazero@v1.9.0, wasmi@0.31.0)
       wasmlab runtime list ${FORMAT_USAGE}            the installed versions, their modes, and why some cannot run here`;
export const SQL_USAGE = `usage: wasmlab sql [${STORE_HELP}] ${FORMAT_USAGE} "SELECT …"\n  tables: runs (one row per run), sweeps, hosts`;
export const SWEEPS_USAGE = `usage: wasmlab sweeps [${STORE_HELP}] ${FORMAT_USAGE}`;
export const EXPORT_USAGE = `usage: wasmlab export [${STORE_HELP}] --out FILE [--format csv|json|parquet] [--where SQL]`;
export const IMPORT_USAGE = `usage: wasmlab import [${STORE_HELP}] [--format csv|json|parquet] FILE…`;
export const SUITE_IMPORT_USAGE = `usage: wasmlab suite import PATH [--out DIR] ${FORMAT_USAGE}
  PATH   a WABench-style tree (run.sh with BenchSuite entries); --out: where the manifests go`;
export const SUITE_USAGE = `usage: wasmlab suite [FILTER] ${FORMAT_USAGE}   the benchmarks (FILTER: a part of id, group or category)
       wasmlab suite import PATH [--out DIR] ${FORMAT_USAGE}   a WABench-style tree as wasmlab manifests`;
export const COMPILE_USAGE = `usage: wasmlab compile --bench LIST [--opt O0,O2] [--target native,wasm] [--simd] [--features LIST] ${FORMAT_USAGE}
  build benchmarks for native and wasm (cached) and print the artifacts (v128: vector instructions in a wasm build)
  --simd  shorthand for --features simd128; --features: build features, comma-separated (simd128, novec)`;
export const NOTEBOOK_USAGE = 'usage: wasmlab notebook run NAME [-p key=value …] [--quick] [--out DIR]';
export const PUBLISH_USAGE = 'usage: wasmlab publish [--quick] [--out DIR] [--only 00,01] | wasmlab publish --bundle DIR --store F';
export const COMPARE_USAGE = `usage: wasmlab compare --store F --baseline TARGET|version=X|no-aot|no-simd|O0 --subject TARGET
                       [--metric kernel_s] [--margin 10%] [--resamples 10000] [--seed 1] [--where SQL] [--format table|json]
  the ratio is subject / baseline per benchmark (median of the reps), geomean over the benchmarks both have`;
export const HYPOTHESIS_USAGE = [
  'usage: wasmlab hypothesis SUBJECT faster|slower|equivalent BASELINE [options]',
  '       wasmlab hypothesis SUBJECT gains-as-much|gains-more|gains-less BASELINE --from A --to B [options]',
  '  SUBJECT, BASELINE  targets (wasm3, wasmtime:cranelift); BASELINE also O0 (the subject at -O0), no-aot, version=X',
  '  Looks in the store first; else estimates the variance (stored rows, or a pilot of 3 reps on up to 8 benchmarks),',
  '  plans benchmarks × reps for --power at --by (or --margin), measures that sweep and decides with compare\'s paired test.',
  ...optionsFor('hypothesis').map((o) => `  ${(o.short ? `-${o.short}, --${o.name}` : `    --${o.name}`) + (o.metavar ? ` ${o.metavar}` : '')}`.padEnd(26) + ` ${o.help}${o.default ? `  [${o.default}]` : ''}`),
  `  ${FORMAT_USAGE}  the per-benchmark ratios (json: the verdict, plan and ratios); -q: no notes on stderr`,
  'examples:',
  '  wasmlab hypothesis wasmtime:cranelift faster wasm3 -b gemm,crc32,sha --size mini',
  '  wasmlab hypothesis wasm3 faster O0 -O O3 -b gemm,2mm,atax --size small        # wasm3 -O3 vs -O0',
  '  wasmlab hypothesis wasmtime:winch equivalent wasmtime:cranelift --margin 10% -b mibench',
  '  wasmlab hypothesis wasm3 gains-as-much native --from O0 --to O3 -b gemm,2mm,atax,mvt,bicg,jacobi-1d --size small',
  '  wasmlab hypothesis wavm gains-more wasmtime:cranelift --from jit --to aot     # AOT helps WAVM more than Wasmtime',
  '  wasmlab hypothesis wasm3 faster native --dry-run                               # the plan only; launches nothing',
].join('\n');
export const DIFF_USAGE = `usage: wasmlab diff STORE_A [STORE_B] [--sweep-a ID] [--sweep-b ID] [--where-a SQL] [--where-b SQL]
                    [--by target|benchmark] [--margin 15%] [--baseline native] [--metric kernel_s] [--format table|csv|json]
  does B replicate A? per target the ratio of ratios (B's ratio to the baseline over A's, per benchmark, paired
  over the benchmarks both have), 95% CI, and replicated (equivalent within the margin) / differs / inconclusive.
  One store with --sweep-a/--sweep-b (two sweeps) or --where-a/--where-b (e.g. "host = 'laptop'": two hosts).
  Below it, per finding of the study both sides can evaluate: "same verdict" or "verdict changed".
  Exit status 3 when any target differs or any verdict changed, else 0. json: {rows, findings}.`;
export const BUNDLE_USAGE = 'usage: wasmlab publish --bundle DIR --store F [--sweep ID]   a replication bundle: runs.parquet, plan.json, host.json, verdicts.json';
export const REPRO_USAGE = [
  'usage: wasmlab repro BUNDLE|STORE [--store NEW] [--dry-run] [--margin 15%] [--only TARGETS|finding:N] [--sweep ID]',
  '                     [--slurm [--shards N]] [--format table|csv|json]',
  '  re-plan the bundle\'s runs here (refused in one line if a runtime version or artifact differs), print the',
  '  estimate, measure into NEW, and decide per target as wasmlab diff does, and per finding: same verdict or',
  '  verdict changed. Exit 3 if any target differs or any verdict changed, else 0. --dry-run: plan only.',
  '  --slurm: the runs NEW lacks go to Slurm as N array tasks (files in NEW.slurm/); it waits, collects, compares.',
  ...optionsFor('repro').map((o) => `  ${(o.short ? `-${o.short}, --${o.name}` : `    --${o.name}`) + (o.metavar ? ` ${o.metavar}` : '')}`.padEnd(26) + ` ${o.helpFor?.repro ?? o.help}${(o.defaultFor?.repro ?? (o.name === 'store' ? undefined : o.default)) ? `  [${o.defaultFor?.repro ?? o.default}]` : ''}`),
].join('\n');
export const FINDINGS_USAGE = 'usage: wasmlab findings --store F [--format table|json|markdown] [--resamples 10000] [--seed 1] [--where SQL]';
export const KERNEL_USAGE = 'usage: wasmlab kernel install   (re)install the Jupyter kernel spec "TypeScript (wasmlab)"';
export const REPORT_USAGE = `usage: wasmlab report --in ROWS.csv|ROWS.json | --store F [--where SQL] [--baseline native] [--metric kernel_s|wall_s]
                      [--format table|csv|json|markdown] [--json] [--per-benchmark] [--resamples 10000] [--seed 1]
  --baseline  a target (native, wasmer:cranelift, wasmtime:cranelift+aot), no-aot (each AOT target
              against its JIT), no-simd (each --simd build against the same target's plain build),
              O0 (each -O level against O0; any level), or version=X
  --per-benchmark  also the ratio and its 95% CI per benchmark and target (JSON always has them)
  --format    csv: the geomean rows (one per target); json: the whole report object
  ROWS        what \`wasmlab run --format csv|json --out FILE\` wrote`;

export const USAGE = `wasmlab — WebAssembly runtimes against native code

usage: wasmlab <command> [options]
  doctor                       runtimes and tools: available, version, or why not and the fix
  runtime add SPEC...          install runtime versions (wasmtime@28.0.0, wasmtime@all, wazero@v1.9.0, wasmi@0.31.0)
  runtime list                 the installed versions, their modes, and why some cannot run here
  suite [FILTER]               the benchmarks and their metadata
  suite import PATH [--out D]  turn a WABench-style tree into wasmlab manifests
  compile --bench LIST ...     build benchmarks for native and wasm (cached); artifact table
  run --bench LIST ...         measure benchmarks on runtimes (wasmlab run --help)
  profile --bench LIST ...     the same with hardware counters (perf, or valgrind's simulation)
  report --in ROWS ...         geomean ratios with 95% CIs, verdicts, excluded runs (wasmlab report --help)
  hypothesis S VERB B ...      plan, measure and decide a claim: wasm3 faster O0, winch equivalent cranelift (--help)
  compare --store F ...        one paired decision: subject against a baseline, CI, equivalence (wasmlab compare --help)
  diff A B [--margin 15%]      does store (sweep, host) B replicate A? ratio of ratios per target, verdict per finding; exit 3 if any differs or changed
  repro BUNDLE|STORE [--dry-run]  measure a bundle's runs again here and decide per target and finding (publish --bundle DIR writes one)
  findings --store F           every finding's verdict from a store, with the decision rules
  sql [--store F] "SELECT …"   query a results store (tables: runs, sweeps, hosts)
  sweeps [--store F]           the sweeps of a store: when, what, rows ok/failed, host
  export --out FILE ...        a store's runs to CSV, JSON or Parquet
  import FILE...               runs from CSV, JSON or Parquet into a store (known runs skipped)
  plan ... --shards N --out F  the runs of a request, split into N shards balanced by time
  shard run PLAN --index I     run one shard of a plan into its own store (checks versions first)
  merge STORES... --into F     merge stores (shards, other machines); duplicates skipped
  slurm submit|status|collect  a plan as a Slurm job array; slurm local up|down: a one-node cluster
  notebook run NAME [-p k=v]   execute a study notebook with parameters (--quick: mini size, a subset)
  publish [--quick] [--out D]  execute every study notebook; HTML pages and an index with the verdicts
  kernel install               (re)install the Jupyter kernel spec "TypeScript (wasmlab)"

Every command answers --help (-h) with its usage; those that print rows take --format table|csv|json (--json: json).`;

/** The usage `wasmlab CMD [SUB] --help` shows, or undefined for a command this table does not know. */
export function usageOf(cmd: string, sub: string | undefined): string | undefined {
  switch (cmd) {
    case 'doctor': return DOCTOR_USAGE;
    case 'runtime': return RUNTIME_USAGE;
    case 'suite': return sub === 'import' ? SUITE_IMPORT_USAGE : SUITE_USAGE;
    case 'compile': return COMPILE_USAGE;
    case 'run': return SWEEP_USAGE;
    case 'profile': return SWEEP_USAGE.replace('wasmlab run', 'wasmlab profile');
    case 'report': return REPORT_USAGE;
    case 'compare': return COMPARE_USAGE;
    case 'diff': return DIFF_USAGE;
    case 'repro': return REPRO_USAGE;
    case 'findings': return FINDINGS_USAGE;
    case 'hypothesis': return HYPOTHESIS_USAGE;
    case 'sql': return SQL_USAGE;
    case 'sweeps': return SWEEPS_USAGE;
    case 'export': return EXPORT_USAGE;
    case 'import': return IMPORT_USAGE;
    case 'plan': return PLAN_USAGE;
    case 'shard': return SHARD_USAGE;
    case 'merge': return MERGE_USAGE;
    case 'slurm': return SLURM_USAGE;
    case 'notebook': return NOTEBOOK_USAGE;
    case 'publish': return PUBLISH_USAGE;
    case 'kernel': return KERNEL_USAGE;
    default: return undefined;
  }
}
