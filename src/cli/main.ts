/** The `wasmlab` command line: a thin front that parses flags and prints; the work is in the core. */
import { CompileError, UsageError } from '../api.js';
import { doctorCommand } from './doctor.js';
import { runtimeCommand } from './runtime.js';
import { reportCommand } from './report.js';
import { runCommand } from './run.js';
import { compileCommand, suiteCommand } from './suite.js';
import { exportCommand, importCommand, sqlCommand, sweepsCommand } from './store.js';
import { mergeCommand, planCommand, shardCommand, slurmCommand } from './cluster.js';
import { notebookCommand, publishCommand } from './notebook.js';
import { compareCommand } from './compare.js';
import { findingsCommand } from './findings.js';

const USAGE = `wasmlab — WebAssembly runtimes against native code

usage: wasmlab <command> [options]
  doctor [--json]              runtimes and tools: available, version, or why not and the fix
  runtime add SPEC...          install runtime versions (wasmtime@28.0.0, wasmtime@all, wazero@v1.9.0, wasmi@0.31.0)
  runtime list [--json]        the installed versions, their modes, and why some cannot run here
  suite [FILTER] [--json]      the benchmarks and their metadata
  suite import PATH [--out D]  turn a WABench-style tree into wasmlab manifests
  compile --bench LIST ...     build benchmarks for native and wasm (cached); artifact table
  run --bench LIST ...         measure benchmarks on runtimes (wasmlab run --help)
  profile --bench LIST ...     the same with hardware counters (perf, or valgrind's simulation)
  report --in ROWS ...         geomean ratios with 95% CIs, verdicts, excluded runs (wasmlab report --help)
  compare --store F ...        one paired decision: subject against a baseline, CI, equivalence (wasmlab compare --help)
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
  kernel install               (re)install the Jupyter kernel spec "TypeScript (wasmlab)"`;

async function kernelCommand(argv: string[]): Promise<number> {
  if (argv[0] !== 'install') throw new UsageError('usage: wasmlab kernel install');
  // Loaded on demand: the kernel front is not needed by the other commands.
  const spec = (await import(new URL('../../kernel/spec.js', import.meta.url).href)) as { installKernelSpec: () => Promise<string> };
  console.log(`installed kernel spec: ${await spec.installKernelSpec()}`);
  return 0;
}

export async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  switch (cmd) {
    case 'doctor': return doctorCommand(rest);
    case 'suite': return suiteCommand(rest);
    case 'runtime': return runtimeCommand(rest);
    case 'compile': return compileCommand(rest);
    case 'run': return runCommand(rest, false);
    case 'profile': return runCommand(rest, true);
    case 'report': return reportCommand(rest);
    case 'compare': return compareCommand(rest);
    case 'findings': return findingsCommand(rest);
    case 'kernel': return kernelCommand(rest);
    case 'sql': return sqlCommand(rest);
    case 'sweeps': return sweepsCommand(rest);
    case 'export': return exportCommand(rest);
    case 'import': return importCommand(rest);
    case 'plan': return planCommand(rest);
    case 'shard': return shardCommand(rest);
    case 'merge': return mergeCommand(rest);
    case 'slurm': return slurmCommand(rest);
    case 'notebook': return notebookCommand(rest);
    case 'publish': return publishCommand(rest);
    case undefined: case 'help': case '--help': case '-h': console.log(USAGE); return 0;
    default: throw new UsageError(`unknown command "${cmd}" (wasmlab help lists them)`);
  }
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (e: unknown) => {
    if (e instanceof UsageError) { console.error(`wasmlab: ${e.message}`); process.exitCode = 2; return; }
    if (e instanceof CompileError) { console.error(`wasmlab: ${e.message}\n${e.diagnostics}`); process.exitCode = 1; return; }
    console.error(e);
    process.exitCode = 1;
  },
);
