/**
 * The `wasmlab` command line: a thin front that parses flags and prints; the work is in the core.
 * Each command's module is loaded when it runs, and `--help`/`-h` is answered from
 * src/cli/usage.ts before that: help never waits for DuckDB or the runtimes to load.
 */
import { CompileError, UsageError } from '../errors.js';
import { KERNEL_USAGE, USAGE, usageOf } from './usage.js';

async function kernelCommand(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) { console.log(KERNEL_USAGE); return 0; }
  if (argv[0] !== 'install' || argv.length > 1) throw new UsageError(KERNEL_USAGE);
  // Loaded on demand: the kernel front is not needed by the other commands.
  const spec = (await import(new URL('../../kernel/spec.js', import.meta.url).href)) as { installKernelSpec: () => Promise<string> };
  console.log(`installed kernel spec: ${await spec.installKernelSpec()}`);
  return 0;
}

export async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  const usage = cmd === undefined ? undefined : usageOf(cmd, rest[0]);
  if (usage && (rest.includes('--help') || rest.includes('-h'))) { console.log(usage); return 0; }
  switch (cmd) {
    case 'doctor': return (await import('./doctor.js')).doctorCommand(rest);
    case 'suite': return (await import('./suite.js')).suiteCommand(rest);
    case 'runtime': return (await import('./runtime.js')).runtimeCommand(rest);
    case 'compile': return (await import('./suite.js')).compileCommand(rest);
    case 'run': return (await import('./run.js')).runCommand(rest, false);
    case 'profile': return (await import('./run.js')).runCommand(rest, true);
    case 'report': return (await import('./report.js')).reportCommand(rest);
    case 'kernel': return kernelCommand(rest);
    case 'compare': return (await import('./compare.js')).compareCommand(rest);
    case 'findings': return (await import('./findings.js')).findingsCommand(rest);
    case 'hypothesis': return (await import('./hypothesis.js')).hypothesisCommand(rest);
    case 'sql': return (await import('./store.js')).sqlCommand(rest);
    case 'sweeps': return (await import('./store.js')).sweepsCommand(rest);
    case 'export': return (await import('./store.js')).exportCommand(rest);
    case 'import': return (await import('./store.js')).importCommand(rest);
    case 'plan': return (await import('./cluster.js')).planCommand(rest);
    case 'shard': return (await import('./cluster.js')).shardCommand(rest);
    case 'merge': return (await import('./cluster.js')).mergeCommand(rest);
    case 'slurm': return (await import('./cluster.js')).slurmCommand(rest);
    case 'notebook': return (await import('./notebook.js')).notebookCommand(rest);
    case 'publish': return (await import('./notebook.js')).publishCommand(rest);
    case undefined: case 'help': case '--help': case '-h': console.log(USAGE); return 0;
    default: throw new UsageError(`unknown command "${cmd}" (wasmlab help lists them)`);
  }
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (e: unknown) => {
    if (e instanceof UsageError) { console.error(`wasmlab: ${e.message}`); process.exitCode = 2; return; }
    if (e instanceof CompileError) { console.error(`wasmlab: ${e.message}\n${e.diagnostics.trimEnd()}`); process.exitCode = 1; return; }
    console.error(e);
    process.exitCode = 1;
  },
);
