/**
 * Reading and checking sweep options (src/options/table.ts), once for both fronts and the API.
 * - optionValue: one flag's text → its typed value (a list, a number, bytes…), or a UsageError.
 * - requestOf: the typed values of a command line or magic → the request's fields, with the
 *   checks that concern how options combine (--wasm against --bench, --fresh against --resume).
 * - checkRequest and policyOf: the request's own checks (ranges, --ci only with adaptive reps),
 *   made by the core for every caller, and by the CLI already while parsing.
 * Messages are one line that names the fix, and name options as the flags spell them.
 */
import { UsageError } from '../errors.js';
import { COUNTER_CHOICES, COUNTER_SCOPES, type CounterChoice, type CounterScopeChoice } from '../record.js';
import { OPT_LEVELS } from '../toolchain/build.js';
import { adaptivePolicy, fixedPolicy, type RepPolicy } from '../measure/policy.js';
import { SWEEP_OPTIONS, type SweepOption, type SweepOptions, type Use } from './table.js';

/** A flag's value after reading: what a parser keeps per long name. */
export type OptionValue = string | string[] | number | boolean;

/** More repetitions than this per target is a typo, not a study (adaptive stops at --max-runs). */
export const MAX_REPS = 10_000;

/** "512M", "2G", "1048576", "64KiB" → bytes; a UsageError for anything else. */
export function parseSize(v: number | string, what = '--mem-limit'): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)(?:i?b)?\s*$/i.exec(String(v));
  const bytes = m ? Number(m[1]) * 1024 ** ' kmgt'.indexOf((m[2] || ' ').toLowerCase()) : NaN;
  if (!Number.isFinite(bytes) || bytes < 1024 * 1024 || bytes > 2 ** 50) throw new UsageError(`${what} wants a size from 1M up, like 512M or 2G (got "${v}")`);
  return Math.floor(bytes);
}

function checkChoice(o: SweepOption, v: string, list: boolean): string {
  if (o.choices && !o.choices.includes(v)) {
    throw new UsageError(list ? `--${o.name} takes ${o.choices.join(', ')}; got '${v}'` : `--${o.name} is ${o.choices.join(', ')} (got '${v}')`);
  }
  return v;
}

/**
 * One flag's text as its typed value. `prev` is the value already read for this flag: a list
 * given again adds to it (the magics allow that; the CLI refuses a repeated flag before this).
 */
export function optionValue(o: SweepOption, raw: string, prev?: OptionValue): OptionValue {
  const flag = `--${o.name}`;
  const norm = o.normalise ?? ((v: string) => v);
  switch (o.type) {
    case 'bool':
      throw new UsageError(`${flag} takes no value`);
    case 'list': {
      const items = raw.split(',').map((s) => s.trim()).filter(Boolean).map(norm);
      // An empty list is a mistake, not "the default": `-r ""` must not become every runtime.
      if (!items.length) throw new UsageError(`${flag} wants a comma-separated list, and ${flag} is empty: name at least one (e.g. -b gemm -r native -O O2)`);
      return [...((prev as string[] | undefined) ?? []), ...items.map((v) => checkChoice(o, v, true))];
    }
    case 'int':
      if (!/^\d+$/.test(raw)) throw new UsageError(`${flag} wants a whole number, got '${raw}'`);
      return Number(raw);
    case 'reps':
      if (raw === 'adaptive') return raw;
      if (!/^\d+$/.test(raw)) throw new UsageError(`${flag} wants a whole number, got '${raw}' (or adaptive, with --ci)`);
      return Number(raw);
    case 'number':
    case 'percent': {
      const v = o.type === 'percent' ? raw.replace(/%$/, '') : raw;
      if (!/^\d+(\.\d+)?$/.test(v.trim())) throw new UsageError(`${flag} wants a number${o.type === 'percent' ? ' (a percentage, e.g. 2%)' : ''}, got '${raw}'`);
      return Number(v);
    }
    case 'size':
      // Kept as written ("512M"): the request's check (checkRequest, parseSize) reads it.
      return raw;
    default:
      return checkChoice(o, norm(raw), false);
  }
}

/**
 * The request fields of read values (keyed by long name), for one use. Checks how the options
 * combine; the request's own checks follow in checkRequest.
 */
export function requestOf(values: Readonly<Record<string, OptionValue | undefined>>, use: Use): Partial<SweepOptions> {
  const v = values;
  if (v.fresh && v.resume) throw new UsageError('--fresh and --resume contradict each other: --fresh measures again, --resume (the default) reuses stored runs');
  const req: Partial<SweepOptions> = {};
  for (const o of SWEEP_OPTIONS) {
    if (o.key && v[o.name] !== undefined) (req as Record<string, unknown>)[o.key] = v[o.name];
  }
  // --simd is --features simd128; given with --features, the two add up.
  if (v.simd) req.features = [...new Set(['simd128', ...((req.features as string[] | undefined) ?? [])])];
  if (use === 'cell') return req;
  const wasmOnly = (['args', 'dir', 'expect'] as const).find((f) => v[f] !== undefined);
  if (v.wasm === undefined) {
    if (wasmOnly) throw new UsageError(`--${wasmOnly} goes with --wasm FILE`);
    if (!v.bench) throw new UsageError('missing -b BENCHES: --bench is required, e.g. -b gemm,crc32, or --wasm FILE');
    req.benchmarks = v.bench as string[];
    return req;
  }
  if (v.bench) throw new UsageError('--wasm and --bench exclude each other: one prebuilt module, or benchmarks');
  req.benchmarks = [];
  req.wasm = { wasm: String(v.wasm) };
  for (const f of ['args', 'dir', 'expect'] as const) if (v[f] !== undefined) req.wasm[f] = String(v[f]);
  return req;
}

/** -O levels as given (default O2), each one known. */
export function checkOpts(opts: readonly string[] | undefined): string[] {
  const list = [...(opts ?? ['O2'])];
  for (const o of list) if (!(OPT_LEVELS as readonly string[]).includes(o)) throw new UsageError(`unknown -O level "${o}" (use ${OPT_LEVELS.join(', ')})`);
  return list;
}

/** The counter source asked for, checked (not yet resolved: "auto" stays auto). */
export function checkCounters(c: unknown): CounterChoice {
  const v = c ?? 'none';
  if (!(COUNTER_CHOICES as readonly unknown[]).includes(v)) throw new UsageError(`--counters is ${COUNTER_CHOICES.join(', ')} (got "${String(v)}")`);
  return v as CounterChoice;
}

/** A profile's counter scope (default both). */
export function checkScope(s: unknown): CounterScopeChoice {
  const v = s ?? 'both';
  if (!(COUNTER_SCOPES as readonly unknown[]).includes(v)) throw new UsageError(`--scope is ${COUNTER_SCOPES.join(', ')} (got "${String(v)}")`);
  return v as CounterScopeChoice;
}

/** The counter source of a profile: the one asked for, or auto; "none" contradicts profiling. */
export function profileCounters(c: SweepOptions['counters']): Exclude<SweepOptions['counters'], 'none' | undefined> {
  if (c === 'none') throw new UsageError('profile measures counters: --counters none contradicts it (use run for no counters)');
  return c ?? 'auto';
}

/** How many runs a target gets, from the request; the request's mistakes as UsageErrors. */
export function policyOf(req: Pick<SweepOptions, 'reps' | 'warmup' | 'ci' | 'minRuns' | 'maxRuns' | 'minTime'>): RepPolicy {
  const warmup = req.warmup ?? 1;
  if (!Number.isInteger(warmup) || warmup < 0 || warmup > MAX_REPS) throw new UsageError(`--warmup must be a whole number from 0 to ${MAX_REPS} (got ${warmup})`);
  if (req.reps !== 'adaptive') {
    const given = (['ci', 'minRuns', 'maxRuns'] as const).find((k) => req[k] !== undefined);
    const flag = { ci: '--ci', minRuns: '--min-runs', maxRuns: '--max-runs' };
    if (given) throw new UsageError(`${flag[given]} only applies with --reps adaptive (fixed --reps N runs exactly N)`);
  }
  if (req.reps === 'adaptive') {
    return adaptivePolicy(req.ci ?? 2, {
      warmup, ...(req.minRuns ? { minRuns: req.minRuns } : {}), ...(req.maxRuns ? { maxRuns: req.maxRuns } : {}),
      minTimeS: req.minTime ?? 0,
    });
  }
  const reps = req.reps ?? 3;
  if (!Number.isInteger(reps) || reps < 1 || reps > MAX_REPS) throw new UsageError(`--reps must be a whole number from 1 to ${MAX_REPS}, or "adaptive" (got ${reps})`);
  return { ...fixedPolicy(reps, warmup), minTimeS: req.minTime ?? 0, maxRuns: req.minTime ? Math.max(reps, 10_000) : reps };
}

/** Every check of a request that needs nothing looked up: the CLI calls it while parsing, the core before a sweep. */
export function checkRequest(req: Pick<Partial<SweepOptions>, 'opt' | 'reps' | 'warmup' | 'ci' | 'minRuns' | 'maxRuns' | 'minTime' | 'counters' | 'memLimit'>): void {
  checkOpts(req.opt);
  policyOf(req);
  checkCounters(req.counters);
  if (req.memLimit !== undefined) parseSize(req.memLimit);
}
