/**
 * Flag parsing for the sweep commands (run, profile, plan), generated from the option table
 * (src/options/table.ts) plus the CLI's own flags below. Values are read and checked by
 * src/options/validate.ts, the same code the magics use. Errors are UsageError with one line
 * naming the fix.
 */
import { parseArgs } from 'node:util';
import { UsageError } from '../errors.js';
import type { BenchRequest } from '../api.js';
import { SWEEP_OPTIONS, type SweepOption, type Use } from '../options/table.js';
import { checkRequest, optionValue, requestOf, type OptionValue } from '../options/validate.js';

/** Flags of the CLI only (src/options/table.ts FRONT_ONLY says why the kernel has none of them). */
const CLI_FLAGS: { name: string; short?: string; type: 'string' | 'boolean'; metavar?: string; help: string; default?: string }[] = [
  { name: 'format', short: 'f', type: 'string', metavar: 'FMT', help: 'table | csv | json', default: 'table' },
  { name: 'json', type: 'boolean', help: 'the same as --format json' },
  { name: 'out', short: 'o', type: 'string', metavar: 'FILE', help: 'write the rows to FILE (and FILE.sweep.json with the provenance)' },
  { name: 'quiet', short: 'q', type: 'boolean', help: 'no progress or notes on stderr' },
  { name: 'help', short: 'h', type: 'boolean', help: 'this text' },
];

/** node:util's option table for the sweep commands. */
export const SWEEP_FLAGS: Record<string, { type: 'string' | 'boolean'; short?: string }> = Object.fromEntries([
  ...SWEEP_OPTIONS.map((o) => [o.name, { type: o.type === 'bool' ? 'boolean' : 'string', ...(o.short ? { short: o.short } : {}) }] as const),
  ...CLI_FLAGS.map((f) => [f.name, { type: f.type, ...(f.short ? { short: f.short } : {}) }] as const),
]);

function usageLine(names: string, metavar: string | undefined, help: string, dflt: string | undefined): string {
  const left = `  ${names}${metavar ? ` ${metavar}` : ''}`;
  return `${left.padEnd(26)} ${help}${dflt ? `  [${dflt}]` : ''}`;
}

const names = (o: { name: string; short?: string }) => (o.short ? `-${o.short}, --${o.name}` : `    --${o.name}`);
/** "(profile only)" where an option is not for both sweep commands. */
const applies = (o: SweepOption) => (o.uses && !(o.uses.includes('run') && o.uses.includes('profile')) ? ` (${o.uses.filter((u) => u !== 'cell').join(', ')} only)` : '');

export const SWEEP_USAGE = [
  'usage: wasmlab run --bench LIST --runtime LIST|all [options]',
  ...SWEEP_OPTIONS.filter((o) => !o.uses || o.uses.includes('run') || o.uses.includes('profile'))
    .map((o) => usageLine(names(o), o.metavar, o.help + (o.name === 'bench' ? '' : applies(o)), o.default)),
  ...CLI_FLAGS.map((f) => usageLine(names(f), f.metavar, f.help, f.default)),
].join('\n');

export type SweepValues = Record<string, OptionValue | undefined>;

/** Read argv: every sweep option's value read by the table's rules, the CLI's flags as given. */
export function parseSweepArgs(argv: string[]): { values: SweepValues; positionals: string[] } {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: SWEEP_FLAGS, allowPositionals: true, strict: true, tokens: true });
  } catch (e) {
    // node:util's wording for `--reps -1` ("argument is ambiguous") does not say what to do.
    const dash = /^Option '(-[^']*)' argument is ambiguous/.exec((e as Error).message);
    if (dash) throw new UsageError(`${dash[1]} has a value starting with "-": write it ${dash[1]}=VALUE (if you meant it)`);
    throw new UsageError(`${(e as Error).message.split('\n')[0]} (wasmlab run --help lists the flags)`);
  }
  // node:util keeps the last of a repeated flag: refuse instead of silently dropping the first.
  const seen = new Set<string>();
  for (const t of parsed.tokens) {
    if (t.kind !== 'option') continue;
    if (seen.has(t.name)) throw new UsageError(`--${t.name} is given twice: give it once`);
    seen.add(t.name);
  }
  const values: SweepValues = { ...(parsed.values as SweepValues) };
  for (const o of SWEEP_OPTIONS) {
    const raw = values[o.name];
    if (typeof raw === 'string') values[o.name] = optionValue(o, raw);
  }
  return { values, positionals: parsed.positionals };
}

/** Options given that do not apply to this command (--scope on run). */
export function refuseOthers(values: SweepValues, use: Use): void {
  const o = SWEEP_OPTIONS.find((x) => values[x.name] !== undefined && x.uses && !x.uses.includes(use));
  if (o) throw new UsageError(`--${o.name} goes with ${o.uses!.filter((u) => u !== 'cell').join(' or ')}, not ${use}`);
}

/** The request of read values; the CLI's store default is $WASMLAB_STORE. */
export function sweepRequest(v: SweepValues): BenchRequest {
  if ((v.fresh || v.resume) && !v.store && !process.env.WASMLAB_STORE) throw new UsageError(`--${v.fresh ? 'fresh' : 'resume'} needs a store: add --store FILE (or set WASMLAB_STORE)`);
  const req = requestOf(v, 'run') as BenchRequest;
  req.runtimes ??= ['all'];
  req.store ??= process.env.WASMLAB_STORE || undefined;
  checkRequest(req);
  return req;
}
