/**
 * The runtime half of the magics: what `wl.magic.<call>(options)` does after translate.ts
 * turned a magic line into that call. Each shows its result (unless -q) and returns it, so
 * `-o df` binds the same frame that was shown. Sweeps get a progress bar and an AbortSignal
 * that the stop button (or SIGINT) fires; an interrupted sweep returns the rows measured so far.
 */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import type { DataFrame } from 'danfojs-node';
import { loadCore, type BenchRequest } from '../core.js';
import { publish, show } from '../display.js';
import { ProgressBar } from '../progress.js';
import { session, storePath, DEFAULT_CONFIG, type SessionConfig } from '../session.js';
import { describe, isRoutine, SweepTally } from '../../src/sweep/events.js';
import { toFrame } from '../../src/frame/frame.js';
import { COUNTER_CHOICES, RECORD_COLUMNS, type CounterScopeChoice, type RunRecord } from '../../src/record.js';
import { forestFigure } from '../../src/plot/forest.js';
import { replicationCells } from '../../src/analysis/replicate.js';
import { findingLines } from '../../src/analysis/verdict-change.js';
import { MagicError } from './errors.js';
import { findMagic, helpText, lsmagicText, synopsis } from './table.js';
import { parseArgs, words } from './parse.js';

interface Common {
  out: string | null;
  quiet: boolean;
}

/** The magic's common flags and the request fields of its sweep options (src/options/validate.ts requestOf). */
type RunOpts = Common & Partial<Omit<BenchRequest, 'store'>> & { store?: string };

function text(s: string): void {
  publish({ 'text/plain': s });
}


/** Something the user should notice (stderr shows highlighted in JupyterLab). */
function warn(s: string): void {
  process.stderr.write(`${s}\n`);
}

async function finish(df: DataFrame, o: Common): Promise<DataFrame> {
  if (!o.quiet) show(df);
  return df;
}

/** Session defaults under the flags given: every sweep option the magic took, over %config's. */
function request(o: RunOpts): Omit<BenchRequest, 'benchmarks'> {
  const c = session.config;
  // What is not a request field: the magic's own flags, and what each call passes itself.
  const { out: _out, quiet: _quiet, benchmarks: _b, wasm: _w, ...given } = o as RunOpts & { slurm?: unknown; source?: unknown; language?: unknown; args?: unknown };
  for (const k of ['slurm', 'source', 'language', 'args'] as const) delete (given as Record<string, unknown>)[k];
  return {
    runtimes: c.runtimes, opt: c.opt, size: c.size, reps: c.reps, warmup: c.warmup, aot: false, counters: c.counters, store: storePath(), fresh: false,
    ...given,
  };
}

/** Run one sweep with a progress bar and the interrupt wired in. */
async function sweep(title: string, out: string | null, run: (r: Partial<BenchRequest>) => Promise<RunRecord[]>): Promise<DataFrame> {
  const bar = new ProgressBar(title);
  const op = session.begin();
  const seen: RunRecord[] = [];
  const tally = new SweepTally();
  let rows: RunRecord[];
  try {
    rows = await run({
      signal: op.signal,
      onEvent: (e) => {
        tally.add(e);
        if (e.kind === 'progress') bar.update({ ...e, label: e.reused ? `${e.label} (${e.reused} reused)` : e.label });
        // Builds and skipped runtimes are news; cache hits and reuse are counted at the end.
        else if (e.kind === 'store-busy' || e.kind === 'warning') warn(describe(e)!);
        else if (!isRoutine(e)) process.stdout.write(`${describe(e)}\n`);
      },
      onRecord: (r) => seen.push(r),
    });
  } catch (e) {
    if (!op.signal.aborted) {
      bar.abandon('stopped by an error');
      throw e;
    }
    // Interrupted, and the wind-down failed: the rows measured are still worth keeping.
    warn(`the sweep failed while stopping: ${(e as Error).message.split('\n')[0]}`);
    rows = seen;
  } finally {
    op.end();
  }
  const failed = rows.filter((r) => r.status !== 'ok').length;
  const store = storePath();
  const how = store ? ` (${tally.runs()})` : '';
  if (op.signal.aborted) {
    bar.finish(`interrupted after ${rows.length} runs${how}`);
    warn(`interrupted: kept the ${rows.length} rows measured${out ? ` in ${out}` : ''}${store ? ` (and in the store ${store}: re-run the cell to measure only what is missing)` : ''}`);
  } else {
    bar.finish(`${rows.length} runs${how}${failed ? `, ${failed} not ok (see status, reason)` : ''}`);
  }
  return toFrame(rows, RECORD_COLUMNS);
}

export async function runtimes(o: Common): Promise<DataFrame> {
  const core = await loadCore();
  return finish(await toFrame(await core.runtimes()), o);
}

/** %runtime add SPEC… (progress lines, then one row per version) / %runtime list. */
export async function runtime(o: Common & { sub: 'add' | 'list'; specs: string[] }): Promise<DataFrame> {
  const core = await loadCore();
  if (o.sub === 'list') return finish(await toFrame(core.runtimeVersions()), o);
  const results = await core.addRuntimes(o.specs, {
    log: (m) => process.stdout.write(`… ${m}\n`),
    onResult: (r) => process.stdout.write(`${core.addResultLine(r)}\n`),
  });
  return finish(await toFrame(results.map((r) => ({ ...r, modes: Object.entries(r.modes).map(([m, v]) => `${m}=${v}`).join(' ') }))), o);
}

export async function suite(o: Common & { filter: string | null }): Promise<DataFrame> {
  const core = await loadCore();
  return finish(await toFrame(core.suite(o.filter ?? undefined)), o);
}

export async function compile(o: Common & { benchmarks?: string[]; file?: string; opt?: string[]; targets?: ('native' | 'wasm')[] }): Promise<DataFrame> {
  const core = await loadCore();
  const req: Parameters<typeof core.compile>[0] = { opt: o.opt ?? session.config.opt, targets: o.targets };
  if (o.file) {
    let source: string;
    try {
      source = readFileSync(o.file, 'utf8');
    } catch {
      throw new MagicError(`%compile: cannot read ${o.file}`, synopsis(findMagic('compile', 'line')!));
    }
    req.source = source;
    req.language = ['.cc', '.cpp', '.cxx'].includes(extname(o.file)) ? 'c++' : 'c';
  } else {
    req.benchmarks = o.benchmarks;
  }
  return finish(await toFrame(await core.compile(req)), o);
}

export async function bench(o: RunOpts & { benchmarks: string[]; slurm?: { shards: number }; wasm?: BenchRequest['wasm'] }): Promise<DataFrame> {
  const core = await loadCore();
  if (o.slurm) {
    const { submitRequest } = await import('../slurm.js');
    const s = await submitRequest({ ...request(o), store: null, benchmarks: o.benchmarks }, o.slurm);
    text(`submitted job ${s.job}: ${s.runs} runs in ${s.shards} shards (plan ${s.plan}); wl.slurm.status('${s.job}'), then wl.slurm.collect('${s.job}')`);
    return finish(await toFrame([s as unknown as object]), o);
  }
  const df = await sweep('bench', o.out, (extra) => core.bench({ ...request(o), ...extra, benchmarks: o.benchmarks, ...(o.wasm ? { wasm: o.wasm } : {}) }));
  return finish(df, o);
}

export async function profile(o: RunOpts & { benchmarks: string[]; scope?: CounterScopeChoice; wasm?: BenchRequest['wasm'] }): Promise<DataFrame> {
  const core = await loadCore();
  // Counting runs are slow (valgrind: seconds each) and their counts barely vary: one rep
  // unless asked for more.
  // The source: -c, else %config counters (its default, none, means "not set" here), else auto.
  if (o.counters === 'none') throw new MagicError('%profile measures counters: -c none contradicts it (use %bench)');
  const configured = session.config.counters !== 'none' ? session.config.counters : undefined;
  const req = { ...request(o), reps: o.reps ?? 1, counters: o.counters ?? configured ?? 'auto' } as const;
  const df = await sweep('profile', o.out, (extra) => core.profile({ ...req, ...extra, benchmarks: o.benchmarks, ...(o.wasm ? { wasm: o.wasm } : {}), ...(o.scope ? { scope: o.scope } : {}) }));
  return finish(df, o);
}

/** Compiler lines name the file `cell.c`; in the notebook the source starts below the %%bench line. */
export function cellLines(diag: string, offset = 1): string {
  return diag
    .replace(/(?:[^\s:]*\/)?\bcell\.(?:c|cpp):(\d+)(?::(\d+))?/g, (_m, l: string, c?: string) => `cell line ${Number(l) + offset}${c ? `, col ${c}` : ''}`)
    // clang's source excerpt numbers its lines too ("    3 |   int x = 1")
    .replace(/^(\s*)(\d+)( \| )/gm, (_m, sp: string, l: string, bar: string) => `${sp}${String(Number(l) + offset).padStart(l.length)}${bar}`);
}

export async function benchCell(o: RunOpts & { source: string; language?: 'c' | 'c++'; args?: string[] }): Promise<DataFrame> {
  const core = await loadCore();
  const req = request(o);
  // Native is the baseline a hypothesis is measured against: always run it.
  if (!req.runtimes.includes('all') && !req.runtimes.includes('native')) req.runtimes = [...req.runtimes, 'native'];
  try {
    const df = await sweep('%%bench', o.out, (extra) =>
      core.benchSource(o.source, { ...req, ...extra, language: o.language, args: o.args }));
    return finish(df, o);
  } catch (e) {
    if (e instanceof core.CompileError) {
      const err = new MagicError(cellLines(e.message), cellLines(e.diagnostics).trimEnd());
      err.name = 'CompileError';
      throw err;
    }
    throw e;
  }
}

/**
 * %hypothesis: plan, measure and decide a claim (src/plan/hypothesis.ts); notes as they come, the
 * verdict line, and the per-benchmark ratios as the frame (shown, and bound by -o).
 */
export async function hypothesis(o: Common & { claim: string[]; flags: Record<string, unknown> }): Promise<DataFrame> {
  const core = await loadCore();
  const c = session.config;
  const bar = new ProgressBar('hypothesis');
  const op = session.begin();
  let out;
  try {
    out = await core.hypothesis({
      size: c.size, opt: c.opt.slice(0, 1), warmup: c.warmup, store: storePath(), ...o.flags, claim: o.claim,
      signal: op.signal,
      onNote: (l) => process.stdout.write(`${l}\n`),
      onEvent: (e) => {
        if (e.kind === 'progress') bar.update({ ...e, label: e.reused ? `${e.label} (${e.reused} reused)` : e.label });
        else if (e.kind === 'store-busy' || e.kind === 'warning') warn(describe(e)!);
      },
    });
  } catch (e) {
    bar.abandon('stopped by an error');
    throw e;
  } finally {
    op.end();
  }
  bar.finish(out.source === 'measured' ? `${out.rows.length} runs` : out.source);
  text(out.line);
  // A dry run (or an interrupted one) has no ratios: the line is the answer.
  if (!out.result) return toFrame([]);
  return finish(await toFrame(out.result.per_benchmark), o);
}

/**
 * %repro: a bundle measured again here (src/publish/repro.ts). Shows the plan line, the
 * per-target table, the finding lines and the forest plot; returns the rows (a dry run: the plan's runs).
 */
export async function repro(o: Common & { source: string; store: string | null; dryRun: boolean; margin: number | null; only: string[] | null; sweep: string | null; slurm?: { shards: number } | null }): Promise<DataFrame> {
  const core = await loadCore();
  const bar = new ProgressBar('repro');
  const op = session.begin();
  let out;
  try {
    out = await core.reproduce({
      source: o.source, store: o.store ?? undefined, dryRun: o.dryRun, margin: o.margin ?? undefined, only: o.only ?? undefined, sweep: o.sweep ?? undefined, slurm: o.slurm ?? undefined,
      signal: op.signal, onEvent: (e) => { if (e.kind === 'progress') bar.update(e); else if (e.kind === 'warning') warn(describe(e)!); }, log: text,
    });
  } catch (e) {
    bar.abandon('stopped by an error');
    throw e;
  } finally {
    op.end();
  }
  bar.finish(out.rows ? `${out.plan.runs.length} runs planned, measured into ${out.store}` : 'dry run: nothing launched');
  // The plan's line and any install lines were shown through `log` before the work began.
  if (!out.rows) return finish(await toFrame(out.plan.runs), o);
  const df = await toFrame(replicationCells(out.rows));
  if (!o.quiet) {
    show(df);
    text(findingLines(out.findings).join('\n') || 'no finding to compare');
    show(forestFigure(out.rows));
  }
  return df;
}

/** %sql / %%sql: a query on the session's store, as a frame. */
export async function sql(o: Common & { query: string }): Promise<DataFrame> {
  const core = await loadCore();
  const store = storePath();
  if (!store) throw new MagicError('%sql: no store (%config store=none); set one: %config store=wasmlab.duckdb');
  let r;
  try {
    r = await core.sql(store, o.query);
  } catch (e) {
    if (e instanceof core.UsageError) throw new MagicError(`%sql: ${e.message}`);
    throw e;
  }
  return finish(await toFrame(r.rows, r.columns), o);
}

/** A magic line whose `{expr}` parts were filled in as it ran (translate.ts, deferredCall). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- whatever the magic returns (a frame for -o)
export async function expanded(name: string, kind: 'line' | 'cell', argText: string, body: string): Promise<any> {
  const m = findMagic(name, kind)!;
  let spec;
  try {
    spec = m.build(parseArgs(words(argText), m.args), body);
  } catch (e) {
    if (e instanceof MagicError) throw new MagicError(`${kind === 'cell' ? '%%' : '%'}${name}: ${e.message}`, synopsis(m));
    throw e;
  }
  const f = (CALLS as unknown as Record<string, (o: unknown) => Promise<unknown>>)[spec.call]!;
  return f(spec.options);
}

export async function lsmagic(_o?: object): Promise<void> {
  text(lsmagicText());
}

export async function help(o: { name: string }): Promise<void> {
  const cell = o.name.startsWith('%%');
  const name = o.name.replace(/^%+/, '').replace(/\?+$/, '');
  const m = findMagic(name, cell ? 'cell' : 'line') ?? findMagic(name, 'cell');
  if (!m) throw new MagicError(`no magic named ${o.name}`, 'magics: %lsmagic lists them');
  // %bench and %%bench share a name: show both.
  const other = !cell ? findMagic(name, 'cell') : undefined;
  text([helpText(m), ...(other && other !== m ? ['', helpText(other)] : [])].join('\n'));
}

const LIST_KEYS = new Set(['runtimes', 'opt']);
const INT_KEYS = new Set(['reps', 'warmup', 'max_rows', 'max_cols']);
const CHOICES: Partial<Record<keyof SessionConfig, readonly string[]>> = {
  counters: COUNTER_CHOICES,
  plotly_js: ['every', 'once'],
};

export async function config(o: { set: Record<string, string> }): Promise<SessionConfig> {
  const cfg = session.config as unknown as Record<string, unknown>;
  for (const [k, v] of Object.entries(o.set)) {
    if (!(k in DEFAULT_CONFIG)) {
      throw new MagicError(`%config: unknown key '${k}'`, `keys: ${Object.keys(DEFAULT_CONFIG).join(', ')}`);
    }
    if (LIST_KEYS.has(k)) cfg[k] = v.split(',').map((s) => s.trim()).filter(Boolean);
    else if (INT_KEYS.has(k)) {
      if (!/^\d+$/.test(v) || Number(v) < 1) throw new MagicError(`%config: ${k} wants a positive whole number, got '${v}'`);
      cfg[k] = Number(v);
    } else {
      const choices = CHOICES[k as keyof SessionConfig];
      if (choices && !choices.includes(v)) throw new MagicError(`%config: ${k} takes ${choices.join(', ')}; got '${v}'`);
      cfg[k] = v;
    }
  }
  text(Object.entries(session.config).map(([k, v]) => `${k.padEnd(10)} = ${Array.isArray(v) ? v.join(',') : String(v)}`).join('\n'));
  return { ...session.config };
}

/** The runtime half of each magic, by the `call` name its table entry builds. */
const CALLS = { runtimes, runtime, suite, compile, bench, profile, benchCell, hypothesis, repro, sql, lsmagic, help, config };
