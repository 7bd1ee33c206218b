/**
 * `wasmlab repro BUNDLE|STORE [--store NEW] [--dry-run] [--only TARGETS|finding:N] [--sweep ID] [--slurm [--shards N]]`: measure a
 * published bundle's runs again here and decide, per target, whether they replicate (the
 * decisions of `wasmlab diff`); the work is src/publish/repro.ts's, shared with %repro. A plan
 * this machine cannot match is refused in one line before anything runs. `--dry-run` prints the
 * plan and its estimate, launches nothing. `wasmlab publish --bundle DIR --store F` writes a bundle.
 */
import { statSync } from 'node:fs';
import { reproduce, UsageError } from '../api.js';
import { parseMargin } from '../analysis/equivalence.js';
import { DEFAULT_SHARDS, optionsFor, sweepOption } from '../options/table.js';
import { optionValue } from '../options/validate.js';
import { writeBundle } from '../publish/bundle.js';
import { exitOf, printReplication } from './diff.js';
import { flags, formatOf, FORMAT_FLAGS } from './flags.js';
import { BUNDLE_USAGE, REPRO_USAGE } from './usage.js';

/** `wasmlab publish --bundle DIR --store F`. */
export async function bundleCommand(argv: string[]): Promise<number> {
  const { values: v } = flags(argv, { bundle: { type: 'string' }, store: { type: 'string' }, sweep: { type: 'string' } }, BUNDLE_USAGE);
  const store = v.store === undefined ? process.env.WASMLAB_STORE : String(v.store);
  if (!v.bundle || !store) throw new UsageError(BUNDLE_USAGE);
  const { plan, files } = await writeBundle(store, String(v.bundle), { sweep: v.sweep === undefined ? undefined : String(v.sweep) });
  console.log(`bundle of ${store}: plan ${plan.plan_id}, ${plan.runs.length} runs; ${files.map((f) => `${f} (${statSync(f).size} bytes)`).join(', ')}`);
  return 0;
}

/** node:util's flags of `wasmlab repro`: the option table's repro options, read by its rules, and --format. */
const REPRO_FLAGS = Object.fromEntries(optionsFor('repro').map((o) => [o.name, { type: o.type === 'bool' ? 'boolean' as const : 'string' as const, ...(o.short ? { short: o.short } : {}) }]));

export async function reproCommand(argv: string[]): Promise<number> {
  const { values: v, positionals } = flags(argv, { ...REPRO_FLAGS, ...FORMAT_FLAGS }, REPRO_USAGE);
  if (v.help) { console.log(REPRO_USAGE); return 0; }
  if (positionals.length !== 1) throw new UsageError(REPRO_USAGE);
  const format = formatOf(v);
  const value = (name: string) => (typeof v[name] === 'string' ? optionValue(sweepOption(name)!, v[name] as string) : undefined);
  const margin = v.margin === undefined ? undefined : parseMargin(String(v.margin));
  if (typeof margin === 'string') throw new UsageError(`--margin: ${margin}`);
  if (v.shards !== undefined && !v.slurm) throw new UsageError('--shards goes with --slurm');
  const out = await reproduce({
    source: positionals[0]!, store: value('store') as string | undefined, dryRun: Boolean(v['dry-run']), margin,
    only: value('only') as string[] | undefined, sweep: value('sweep') as string | undefined, log: (line) => console.error(line),
    slurm: v.slurm ? { shards: (value('shards') as number | undefined) ?? DEFAULT_SHARDS } : undefined,
  });
  if (!out.rows) {
    const runs = out.plan.runs;
    if (format === 'json') console.log(JSON.stringify(runs.map(({ benchmark, size, opt, target, rep, runtime_version }) => ({ benchmark, size, opt, target, rep, runtime_version })), null, 1));
    else for (const r of runs) console.log(`${r.benchmark} ${r.size} ${r.opt} ${r.target} ${r.runtime_version} rep ${r.rep}`);
    return 0;
  }
  printReplication(out.rows, format, out.findings);
  return exitOf(out.rows, out.findings);
}
