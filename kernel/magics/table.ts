/**
 * The magics: name, one-line summary, flags, and how parsed arguments become the options object
 * of the runtime call (`wl.magic.<call>(options)`). Adding a magic is adding an entry here and
 * its runtime half in run.ts. Usage texts are generated from the same tables, so they cannot
 * drift from what the parser accepts.
 */
import { existsSync } from 'node:fs';
import type { ArgSpec, FlagSpec, Parsed } from './parse.js';
import { MagicError } from './errors.js';
import { COUNTER_CHOICES, COUNTER_SCOPES } from '../../src/record.js';
import { OPT_LEVELS } from '../../src/toolchain/build.js';

export interface Magic {
  name: string;
  /** 'line': %name; 'cell': %%name (body is the rest of the cell). */
  kind: 'line' | 'cell';
  summary: string;
  args: ArgSpec;
  /** Extra lines for %help. */
  details?: string[];
  /** The argument text is not split into words (SQL): leading -o VAR / -q only, then the rest as the body. */
  raw?: boolean;
  /** The runtime method (kernel/magics/run.ts) and its options. */
  build(p: Parsed, body: string): { call: string; options: Record<string, unknown> };
}

const OUT: FlagSpec = { long: 'out', short: 'o', kind: 'var', metavar: 'VAR', help: 'bind the result (a DataFrame) to VAR' };
const QUIET: FlagSpec = { long: 'quiet', short: 'q', kind: 'bool', help: 'do not display the result' };
const OPTS = OPT_LEVELS;
const COUNTERS = COUNTER_CHOICES;

const RUN_FLAGS: FlagSpec[] = [
  { long: 'runtime', short: 'r', kind: 'list', metavar: 'RUNTIMES', help: 'all | native | a runtime (all its modes) | runtime:mode; default from %config' },
  { long: 'opt', kind: 'list', choices: OPTS, metavar: 'O2,O3', help: 'compiler optimisation levels (default O2)' },
  { long: 'size', short: 's', kind: 'string', metavar: 'SIZE', help: 'problem size (default %config size)' },
  { long: 'reps', short: 'n', kind: 'int', metavar: 'N', help: 'measured repetitions (default 3)' },
  { long: 'warmup', short: 'w', kind: 'int', metavar: 'N', help: 'unrecorded warm-up runs (default 1)' },
  { long: 'aot', kind: 'bool', help: 'add precompiled (ahead-of-time) variants' },
];
const BENCH_FLAG: FlagSpec = { long: 'bench', short: 'b', kind: 'list', metavar: 'BENCHES', help: 'benchmark ids or short names, comma-separated (see %suite)' };
const STORE_FLAGS: FlagSpec[] = [
  { long: 'fresh', kind: 'bool', help: 'measure again even what the store has (a new sweep; old rows kept, superseded)' },
  { long: 'resume', kind: 'bool', help: 'reuse stored runs and measure only the missing ones (the default)' },
];
const WASM_FLAGS: FlagSpec[] = [
  { long: 'wasm', kind: 'string', metavar: 'FILE', help: 'a module built elsewhere, instead of -b (no native build; checked against the first runtime, or --expect)' },
  { long: 'args', short: 'a', kind: 'string', metavar: '"ARGS"', help: 'with --wasm: its arguments (one quoted string)' },
  { long: 'dir', kind: 'string', metavar: 'DIR', help: 'with --wasm: a folder of files it reads (preopened as .)' },
  { long: 'expect', kind: 'string', metavar: 'FILE', help: 'with --wasm: the expected stdout' },
];
const SLURM_FLAGS: FlagSpec[] = [
  { long: 'slurm', kind: 'bool', help: 'submit to Slurm as a job array (returns the job id at once); then wl.slurm.status/collect' },
  { long: 'shards', kind: 'int', metavar: 'N', help: 'with --slurm: array tasks (default 4)' },
];
const SCOPE_FLAG: FlagSpec = { long: 'scope', kind: 'string', choices: COUNTER_SCOPES, metavar: 'SCOPE', help: 'counts of the whole process, of the kernel (two-size estimate), or both (default)' };
const COUNTERS_FLAG: FlagSpec = { long: 'counters', short: 'c', kind: 'string', choices: COUNTERS, metavar: 'SOURCE', help: 'hardware counters: none, auto, perf, valgrind (simulated)' };

function common(p: Parsed): Record<string, unknown> {
  return { out: p.flags.out ?? null, quiet: p.flags.quiet === true };
}

function runOptions(p: Parsed): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  if (p.flags.runtime) o.runtimes = p.flags.runtime;
  if (p.flags.opt) o.opt = p.flags.opt;
  if (p.flags.size) o.size = p.flags.size;
  if (p.flags.reps !== undefined) o.reps = p.flags.reps;
  if (p.flags.warmup !== undefined) o.warmup = p.flags.warmup;
  if (p.flags.aot) o.aot = true;
  if (p.flags.counters) o.counters = p.flags.counters;
  if (p.flags.fresh && p.flags.resume) throw new MagicError('--fresh and --resume contradict each other');
  if (p.flags.fresh) o.fresh = true;
  if (p.flags.shards !== undefined && !p.flags.slurm) throw new MagicError('--shards goes with --slurm');
  if (p.flags.slurm) o.slurm = { shards: p.flags.shards ?? 4 };
  return o;
}

/** %bench: benchmarks (-b), or one module built elsewhere (--wasm FILE with --args, --dir, --expect). */
function benchOrWasm(p: Parsed): Record<string, unknown> {
  const wasmOnly = ['args', 'dir', 'expect'].filter((f) => p.flags[f] !== undefined);
  if (p.flags.wasm === undefined) {
    if (wasmOnly.length) throw new MagicError(`--${wasmOnly[0]} goes with --wasm FILE`);
    return { benchmarks: requireBench(p) };
  }
  if (p.flags.bench) throw new MagicError('-b and --wasm exclude each other: benchmarks, or one prebuilt module');
  const spec: Record<string, unknown> = { wasm: p.flags.wasm };
  for (const f of wasmOnly) spec[f] = p.flags[f];
  return { benchmarks: [], wasm: spec };
}

function requireBench(p: Parsed): string[] {
  const b = p.flags.bench as string[] | undefined;
  if (!b) throw new MagicError('missing -b BENCHES');
  return b;
}

export const MAGICS: readonly Magic[] = [
  {
    name: 'runtimes', kind: 'line', summary: 'the runtimes found on this machine (the doctor table)',
    args: { flags: [OUT, QUIET], positionals: [] },
    build: (p) => ({ call: 'runtimes', options: common(p) }),
  },
  {
    name: 'runtime', kind: 'line', summary: 'runtime versions: %runtime add wasmtime@28.0.0 wazero@v1.9.0 … | %runtime list',
    args: {
      flags: [OUT, QUIET],
      positionals: [
        { name: 'add|list', required: true, help: 'add: install versions into the cache (reusing what is there); list: what is installed' },
        { name: 'SPEC', required: false, rest: true, help: 'with add: wasmtime@VERSION (or a prefix, or all), wazero@vX.Y.Z, wasmi@X.Y.Z' },
      ],
    },
    details: ['Then run one: %bench -b gemm -r wasmtime@28.0.0:cranelift, or every installed version: -r wasmtime@all.',
      'Versions without a CLI run through the Wasmtime embedding (mode embedding): compare those by kernel_s.'],
    build: (p) => {
      const sub = p.positionals['add|list'];
      const specs = (p.positionals.SPEC as string[] | undefined) ?? [];
      if (sub !== 'add' && sub !== 'list') throw new MagicError(`want add or list, got '${String(sub)}'`);
      if (sub === 'add' && !specs.length) throw new MagicError('add wants versions, e.g. wasmtime@28.0.0 wazero@v1.9.0');
      if (sub === 'list' && specs.length) throw new MagicError('list takes no versions');
      return { call: 'runtime', options: { ...common(p), sub, specs } };
    },
  },
  {
    name: 'suite', kind: 'line', summary: 'the benchmarks with their metadata, optionally filtered',
    args: { flags: [OUT, QUIET], positionals: [{ name: 'FILTER', required: false, help: 'a substring of id, group or category' }] },
    build: (p) => ({ call: 'suite', options: { ...common(p), filter: p.positionals.FILTER ?? null } }),
  },
  {
    name: 'compile', kind: 'line', summary: 'compile benchmarks (or a C/C++ file) for native and wasm; the artifacts table',
    args: {
      flags: [
        { long: 'opt', kind: 'list', choices: OPTS, metavar: 'O2,O3', help: 'optimisation levels (default O2)' },
        { long: 'target', short: 't', kind: 'list', choices: ['native', 'wasm'], metavar: 'native,wasm', help: 'targets (default both)' },
        OUT, QUIET,
      ],
      positionals: [{ name: 'BENCH|FILE', required: true, help: 'benchmark ids/names (comma-separated) or a .c/.cc/.cpp file' }],
    },
    build: (p) => {
      const what = p.positionals['BENCH|FILE'] as string;
      const isFile = /\.(c|cc|cpp|cxx)$/.test(what) || (what.includes('/') && existsSync(what));
      const o: Record<string, unknown> = { ...common(p) };
      if (isFile) o.file = what;
      else o.benchmarks = what.split(',').filter(Boolean);
      if (p.flags.opt) o.opt = p.flags.opt;
      if (p.flags.target) o.targets = p.flags.target;
      return { call: 'compile', options: o };
    },
  },
  {
    name: 'bench', kind: 'line', summary: 'run benchmarks on runtimes; the tidy DataFrame of runs',
    args: { flags: [BENCH_FLAG, ...RUN_FLAGS, COUNTERS_FLAG, ...WASM_FLAGS, ...STORE_FLAGS, ...SLURM_FLAGS, OUT, QUIET], positionals: [] },
    details: ['Runs the store already has (%config store) are reused, not measured again: --fresh measures them anew.',
      '--slurm plans the sweep into --shards array tasks and submits it to Slurm, returning at once with the job id.',
      'Shows a progress bar while it runs; the stop button ends the sweep within a second and keeps the rows measured.'],
    build: (p) => ({ call: 'bench', options: { ...common(p), ...runOptions(p), ...benchOrWasm(p) } }),
  },
  {
    name: 'profile', kind: 'line', summary: 'run benchmarks with hardware counters (perf, or simulated by valgrind)',
    args: { flags: [BENCH_FLAG, ...RUN_FLAGS, COUNTERS_FLAG, SCOPE_FLAG, ...STORE_FLAGS, OUT, QUIET], positionals: [] },
    details: ['counter_source says where the numbers come from: perf (real) or valgrind (simulated); counter_scope what they cover.',
      'Counters: -c, else %config counters, else auto; none is refused (use %bench).'],
    build: (p) => ({ call: 'profile', options: { ...common(p), ...runOptions(p), ...(p.flags.scope ? { scope: p.flags.scope } : {}), benchmarks: requireBench(p) } }),
  },
  {
    name: 'bench', kind: 'cell', summary: 'the cell is a C (or C++) program: compile it for native and wasm, run it on the runtimes',
    args: {
      flags: [
        ...RUN_FLAGS.map((f) => (f.long === 'size' ? { ...f, help: 'the size label of its rows (the cell has no sizes: --args is the run; default %config size)' } : f)),
        { long: 'lang', short: 'l', kind: 'string', choices: ['c', 'c++'], metavar: 'LANG', help: 'c (default) or c++' },
        { long: 'args', short: 'a', kind: 'string', metavar: '"ARGS"', help: 'arguments for the program (one quoted string)' },
        ...STORE_FLAGS, OUT, QUIET,
      ],
      positionals: [],
    },
    details: ['Native always runs as the baseline. Compile errors point at the cell line.'],
    build: (p, body) => {
      if (!body.trim()) throw new MagicError('the cell has no C source below the %%bench line');
      const o: Record<string, unknown> = { ...common(p), ...runOptions(p), source: body };
      if (p.flags.lang) o.language = p.flags.lang;
      if (p.flags.args !== undefined) o.args = String(p.flags.args).split(/\s+/).filter(Boolean);
      return { call: 'benchCell', options: o };
    },
  },
  {
    name: 'sql', kind: 'line', summary: 'an SQL query on the results store (DuckDB); the answer as a DataFrame',
    args: { flags: [OUT, QUIET], positionals: [{ name: 'QUERY', required: true, rest: true, help: 'SQL, e.g. SELECT runtime, median(kernel_s) FROM runs GROUP BY ALL' }] },
    raw: true,
    details: ['Tables: runs (one row per run), sweeps, hosts. Flags (-o VAR, -q) go before the query.'],
    build: (p, body) => sqlCall(p, body),
  },
  {
    name: 'sql', kind: 'cell', summary: 'the cell is an SQL query on the results store; the answer as a DataFrame',
    args: { flags: [OUT, QUIET], positionals: [] },
    details: ['Tables: runs (one row per run), sweeps, hosts.'],
    build: (p, body) => sqlCall(p, body),
  },
  {
    name: 'lsmagic', kind: 'line', summary: 'list the magics',
    args: { flags: [], positionals: [] },
    build: () => ({ call: 'lsmagic', options: {} }),
  },
  {
    name: 'help', kind: 'line', summary: 'usage of one magic (also: %NAME?)',
    args: { flags: [], positionals: [{ name: 'NAME', required: true, help: 'a magic name, e.g. bench or %%bench' }] },
    build: (p) => ({ call: 'help', options: { name: p.positionals.NAME } }),
  },
  {
    name: 'config', kind: 'line', summary: 'show or set session defaults: %config reps=5 runtimes=wasmtime,native',
    args: { flags: [], positionals: [{ name: 'KEY=VALUE', required: false, rest: true, help: 'settings to change; none shows them all' }] },
    details: ['Keys: runtimes, size, reps, warmup, opt, counters, store, max_rows, max_cols, plotly_js (every|once).'],
    build: (p) => {
      const set: Record<string, string> = {};
      for (const kv of (p.positionals['KEY=VALUE'] as string[]) ?? []) {
        const eq = kv.indexOf('=');
        if (eq <= 0) throw new MagicError(`expected key=value, got '${kv}'`);
        set[kv.slice(0, eq)] = kv.slice(eq + 1);
      }
      return { call: 'config', options: { set } };
    },
  },
];

function sqlCall(p: Parsed, body: string): { call: string; options: Record<string, unknown> } {
  const query = body.trim();
  if (!query) throw new MagicError('no query (e.g. %sql SELECT count(*) FROM runs)');
  return { call: 'sql', options: { ...common(p), query } };
}

/** Split the leading flags of a raw magic's text (`-o df -q SELECT …`) from its body. */
export function rawFlags(text: string): { flagWords: string[]; body: string } {
  const flagWords: string[] = [];
  let rest = text;
  for (;;) {
    const m = /^\s*(-q|--quiet|(?:-o|--out)\s+[A-Za-z_$][\w$]*)(?=\s|$)/.exec(rest);
    if (!m) break;
    flagWords.push(...m[1]!.split(/\s+/));
    rest = rest.slice(m[0].length);
  }
  return { flagWords, body: rest };
}

export function findMagic(name: string, kind: 'line' | 'cell'): Magic | undefined {
  return MAGICS.find((m) => m.name === name && m.kind === kind);
}

function flagUsage(f: FlagSpec): string {
  const name = f.short ? `-${f.short}` : `--${f.long}`;
  return f.kind === 'bool' ? `[${name}]` : `[${name} ${f.metavar ?? f.kind.toUpperCase()}]`;
}

/** The one-line synopsis: `%bench -b BENCHES [-r RUNTIMES] …`. */
export function synopsis(m: Magic): string {
  const prefix = m.kind === 'cell' ? '%%' : '%';
  const parts = [`${prefix}${m.name}`];
  for (const p of m.args.positionals) parts.push(p.required ? p.name : `[${p.name}${p.rest ? ' …' : ''}]`);
  for (const f of m.args.flags) parts.push(f === BENCH_FLAG ? `-b ${f.metavar}` : flagUsage(f));
  return `usage: ${parts.join(' ')}`;
}

/** The full help text of a magic. */
export function helpText(m: Magic): string {
  const prefix = m.kind === 'cell' ? '%%' : '%';
  const lines = [`${prefix}${m.name}: ${m.summary}`, synopsis(m)];
  for (const p of m.args.positionals) lines.push(`  ${p.name.padEnd(22)} ${p.help}`);
  for (const f of m.args.flags) {
    const names = (f.short ? `-${f.short}, ` : '    ') + `--${f.long}` + (f.kind === 'bool' ? '' : ` ${f.metavar ?? ''}`);
    lines.push(`  ${names.padEnd(22)} ${f.help}`);
  }
  for (const d of m.details ?? []) lines.push(d);
  return lines.join('\n');
}

export function lsmagicText(): string {
  const line = MAGICS.filter((m) => m.kind === 'line').map((m) => `%${m.name}`);
  const cell = MAGICS.filter((m) => m.kind === 'cell').map((m) => `%%${m.name}`);
  const rows = MAGICS.map((m) => `  ${((m.kind === 'cell' ? '%%' : '%') + m.name).padEnd(10)} ${m.summary}`);
  return [`Line magics: ${line.join(' ')}`, `Cell magics: ${cell.join(' ')}`, '', ...rows, '',
    '%help NAME or %NAME? shows the usage of one.'].join('\n');
}
