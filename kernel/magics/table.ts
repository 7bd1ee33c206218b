/**
 * The magics: name, one-line summary, flags, and how parsed arguments become the options object
 * of the runtime call (`wl.magic.<call>(options)`). Adding a magic is adding an entry here and
 * its runtime half in run.ts. Usage texts are generated from the same tables, so they cannot
 * drift from what the parser accepts.
 */
import { existsSync } from 'node:fs';
import type { ArgSpec, FlagSpec, Parsed } from './parse.js';
import { MagicError } from './errors.js';
import { OPT_LEVELS } from '../../src/toolchain/build.js';
import { isUsageError } from '../../src/errors.js';
import { DEFAULT_SHARDS, optionsFor, type SweepOption, type Use } from '../../src/options/table.js';
import { optionValue, requestOf } from '../../src/options/validate.js';
import { parseMargin } from '../../src/analysis/equivalence.js';

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

/** A sweep option of the shared table (src/options/table.ts) as a magic flag: read by the same code as the CLI's. */
function sweepFlag(o: SweepOption, use: Use): FlagSpec {
  // `kind` is only the value's shape here (a number-like value is 'int'); `convert` reads it,
  // decimals, "5%" and "adaptive" included, exactly as the CLI does.
  const kind = o.type === 'bool' ? 'bool' : o.type === 'list' ? 'list' : ['int', 'number', 'percent', 'reps'].includes(o.type) ? 'int' : 'string';
  const own = o.defaultFor?.[use];
  const dflt = own ? ` (default ${own})` : o.config ? ` (default: %config ${o.config})` : o.default ? ` (default ${o.default})` : '';
  return {
    long: o.name, ...(o.short ? { short: o.short } : {}), kind, ...(o.choices ? { choices: o.choices } : {}), metavar: o.metavar,
    help: (o.helpFor?.[use] ?? o.help) + dflt, convert: (raw, prev) => optionValue(o, raw, prev),
  };
}

/** The sweep options of one use, as magic flags, in the table's order. */
const sweepFlags = (use: Use): FlagSpec[] => optionsFor(use).map((o) => sweepFlag(o, use));

/** Flags of the kernel only (src/options/table.ts FRONT_ONLY says why the CLI has none of them). */
const SLURM_FLAGS: FlagSpec[] = [
  { long: 'slurm', kind: 'bool', help: 'submit to Slurm as a job array (returns the job id at once); then wl.slurm.status/collect' },
  { long: 'shards', kind: 'int', metavar: 'N', help: `with --slurm: array tasks (default ${DEFAULT_SHARDS})` },
];
const LANG_FLAG: FlagSpec = { long: 'lang', short: 'l', kind: 'string', choices: ['c', 'c++'], metavar: 'LANG', help: 'c (default) or c++' };

function common(p: Parsed): Record<string, unknown> {
  return { out: p.flags.out ?? null, quiet: p.flags.quiet === true };
}

/** The request fields of the parsed sweep flags (src/options/validate.ts requestOf, as the CLI does), as magic errors. */
function requestFields(p: Parsed, use: Use): Record<string, unknown> {
  try {
    return requestOf(p.flags, use) as Record<string, unknown>;
  } catch (e) {
    if (isUsageError(e)) throw new MagicError((e as Error).message);
    throw e;
  }
}

/** A hypothesis' flags by request field (src/plan/hypothesis.ts HypothesisRequest). */
function hypothesisFlags(p: Parsed): Record<string, unknown> {
  const f = p.flags;
  const field: Record<string, string> = { bench: 'benchmarks', 'dry-run': 'dryRun', 'store-wait': 'storeWait' };
  return Object.fromEntries(Object.entries(f).filter(([k]) => k !== 'out' && k !== 'quiet').map(([k, v]) => [field[k] ?? k, v]));
}

function slurmOptions(p: Parsed): Record<string, unknown> {
  if (p.flags.shards !== undefined && !p.flags.slurm) throw new MagicError('--shards goes with --slurm');
  return p.flags.slurm ? { slurm: { shards: p.flags.shards ?? DEFAULT_SHARDS } } : {};
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
    args: { flags: [...sweepFlags('run'), ...SLURM_FLAGS, OUT, QUIET], positionals: [] },
    details: ['Runs the store already has (%config store) are reused, not measured again: --fresh measures them anew.',
      '--slurm plans the sweep into --shards array tasks and submits it to Slurm, returning at once with the job id.',
      'Shows a progress bar while it runs; the stop button ends the sweep within a second and keeps the rows measured.'],
    build: (p) => ({ call: 'bench', options: { ...common(p), ...requestFields(p, 'run'), ...slurmOptions(p) } }),
  },
  {
    name: 'profile', kind: 'line', summary: 'run benchmarks with hardware counters (perf, or simulated by valgrind)',
    args: { flags: [...sweepFlags('profile'), OUT, QUIET], positionals: [] },
    details: ['counter_source says where the numbers come from: perf (real) or valgrind (simulated); counter_scope what they cover.',
      'Counters: -c, else %config counters, else auto; none is refused (use %bench).'],
    build: (p) => ({ call: 'profile', options: { ...common(p), ...requestFields(p, 'profile') } }),
  },
  {
    name: 'bench', kind: 'cell', summary: 'the cell is a C (or C++) program: compile it for native and wasm, run it on the runtimes',
    args: {
      flags: [...sweepFlags('cell'), LANG_FLAG, OUT, QUIET],
      positionals: [],
    },
    details: ['Native always runs as the baseline. Compile errors point at the cell line.'],
    build: (p, body) => {
      if (!body.trim()) throw new MagicError('the cell has no C source below the %%bench line');
      const o: Record<string, unknown> = { ...common(p), ...requestFields(p, 'cell'), source: body };
      if (p.flags.lang) o.language = p.flags.lang;
      if (p.flags.args !== undefined) o.args = String(p.flags.args).split(/\s+/).filter(Boolean);
      return { call: 'benchCell', options: o };
    },
  },
  {
    name: 'hypothesis', kind: 'line', summary: 'plan, measure and decide a claim; the per-benchmark ratios as a DataFrame',
    args: {
      flags: [...sweepFlags('hypothesis'), OUT, QUIET],
      positionals: [{ name: 'CLAIM', required: true, rest: true, help: 'SUBJECT faster|slower|equivalent|gains-as-much|gains-more|gains-less BASELINE (BASELINE: a target, O0, no-aot, version=X)' }],
    },
    details: [
      'Looks in the store first; else estimates the variance (stored rows, or a pilot of 3 reps on up to 8 benchmarks), plans',
      'benchmarks × reps for --power at --by (or --margin), runs that sweep and decides with the paired test of wasmlab compare.',
      'Prints one line: the claim, supported / not supported / inconclusive at this power, the geomean ratio with its CI, p, power.',
      'Examples:',
      '  %hypothesis wasmtime:cranelift faster wasm3 -b gemm,crc32,sha --size mini',
      '  %hypothesis wasm3 faster O0 -O O3 -b gemm,2mm,atax        (wasm3 -O3 vs -O0)',
      '  %hypothesis wasmtime:winch equivalent wasmtime:cranelift --margin 10% -b mibench',
      '  %hypothesis wasm3 gains-as-much native --from O0 --to O3 -b gemm,2mm,atax,mvt,bicg,jacobi-1d --size small',
      '  %hypothesis wavm gains-more wasmtime:cranelift --from jit --to aot   (AOT helps WAVM more than Wasmtime)',
      '  %hypothesis wasm3 faster native --dry-run                  (the plan only; also wl.power({ claim: … }))',
    ],
    build: (p) => ({ call: 'hypothesis', options: { ...common(p), claim: p.positionals.CLAIM, flags: hypothesisFlags(p) } }),
  },
  {
    name: 'repro', kind: 'line', summary: 'measure a published bundle (or store) again here: per target replicated / differs / inconclusive, per finding same verdict or changed',
    args: { flags: [...sweepFlags('repro'), OUT, QUIET], positionals: [{ name: 'BUNDLE', required: true, help: 'a folder written by wasmlab publish --bundle, or a store' }] },
    details: ['Refused in one line before anything runs when a runtime version or artifact differs here. Shows the table, the',
      'finding lines and a forest plot of the ratios of ratios (wl.plot.forest); -o binds the rows. Also: wl.diff(a, b).'],
    build: (p) => {
      const f = p.flags;
      const margin = f.margin === undefined ? undefined : parseMargin(String(f.margin));
      if (typeof margin === 'string') throw new MagicError(`--margin: ${margin}`);
      return { call: 'repro', options: { ...common(p), source: p.positionals.BUNDLE, store: f.store ?? null, dryRun: f['dry-run'] === true, margin: margin ?? null, only: f.only ?? null, sweep: f.sweep ?? null, slurm: slurmOptions(p).slurm ?? null } };
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
  // -b is what %bench and %profile need (or --wasm): shown without brackets.
  for (const f of m.args.flags) parts.push(f.long === 'bench' && m.name !== 'hypothesis' ? `-b ${f.metavar}` : flagUsage(f));
  return `usage: ${parts.join(' ')}`;
}

/** The full help text of a magic. */
export function helpText(m: Magic): string {
  const prefix = m.kind === 'cell' ? '%%' : '%';
  const lines = [`${prefix}${m.name}: ${m.summary}`, synopsis(m)];
  for (const p of m.args.positionals) lines.push(`  ${p.name.padEnd(24)} ${p.help}`);
  for (const f of m.args.flags) {
    const names = (f.short ? `-${f.short}, ` : '    ') + `--${f.long}` + (f.kind === 'bool' ? '' : ` ${f.metavar ?? ''}`);
    lines.push(`  ${names.padEnd(24)} ${f.help}`);
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
