/**
 * A hypothesis as a request (issue 26): state a claim, get the sweep it needs, and a decision
 * with its power. The steps, in order:
 * 1. The store first: if its rows already decide the claim — supported or not supported at the
 *    level asked (a decision at level α holds whatever the power), or inconclusive on as many
 *    benchmarks and reps as a plan would take — the answer comes from them and nothing runs.
 * 2. The variance components (src/analysis/power.ts): from the stored rows when they are enough
 *    (3 benchmarks, 2 reps a cell), else a pilot sweep of 3 reps on up to 8 of the benchmarks
 *    (whose runs are the first reps of the planned sweep: the store reuses them), else — for a
 *    dry run, which launches nothing — the stated default assumptions.
 * 3. The plan: benchmarks × reps for the power at --by (or the margin), the cheapest by the
 *    estimated time (src/plan/estimate.ts: the store's history, else typical slowdowns).
 * 4. The planned sweep, through the normal sweep (src/sweep/request.ts: store-backed, resumable,
 *    interruptible), and the decision on its rows (src/analysis/claim.ts).
 */
import { existsSync } from 'node:fs';
import { UsageError } from '../errors.js';
import { targetLabel, type RunRecord } from '../record.js';
import { claimOf, cellsOf, decideClaim, isGain, powerTest, verdictLine, type Claim, type ClaimResult } from '../analysis/claim.js';
import { defaultComponents, planSize, MIN_REPS, type SizePlan, type VarianceComponents } from '../analysis/power.js';
import { UsageError as AnalysisUsageError, type Row } from '../analysis/rows.js';
import { marginText } from '../analysis/equivalence.js';
import { resolveBenchmarkList } from '../suite/catalog.js';
import { resolveTargets } from '../runtimes/registry.js';
import { Store } from '../store/store.js';
import { load } from '../store/query.js';
import { asUsage, bench, type BenchRequest } from '../sweep/request.js';
import { estimateSeconds, type History } from './estimate.js';

/** The pilot (issue 26): this many reps on up to PILOT_BENCHMARKS of the benchmarks. */
export const PILOT_BENCHMARKS = 8;
/** Fewest benchmarks a plan takes when it may choose: fewer says little about "programs like them". */
export const MIN_BENCHMARKS = 3;

export interface HypothesisRequest extends Pick<BenchRequest, 'warmup' | 'timeout' | 'pin' | 'fresh' | 'storeWait' | 'signal' | 'onEvent' | 'onRecord' | 'onSweep'> {
  /** SUBJECT VERB BASELINE. */
  claim: string[];
  /** -b: the benchmarks (all of them are measured); none: the suite, of which the plan takes what it needs. */
  benchmarks?: string[];
  size?: string;
  opt?: string[];
  by?: string | number;
  margin?: string | number;
  metric?: string;
  alpha?: string | number;
  power?: string | number;
  from?: string;
  to?: string;
  dryRun?: boolean;
  store?: string | Store | null;
  /** Lines for a person, as they happen (the plan, where the answer came from). */
  onNote?: (line: string) => void;
  /** Bootstrap settings of the decision (tests). */
  resamples?: number;
  seed?: number;
}

export interface HypothesisPlan {
  benchmarks: string[];
  reps: number;
  /** Power of the plan under the components. */
  power: number;
  reached: boolean;
  benchmarks_needed: number | null;
  components: VarianceComponents;
  runs: number;
  stored_runs: number;
  estimated_s: number;
}

export interface HypothesisOutcome {
  claim: Claim;
  /** Where the answer came from. */
  source: 'stored rows' | 'measured' | 'dry run' | 'interrupted';
  plan: HypothesisPlan | null;
  result: ClaimResult | null;
  /** The verdict line, or the plan line of a dry run. */
  line: string;
  /** Rows measured or reused by the sweeps run here. */
  rows: RunRecord[];
}

/** What a claim measures: the runtimes to name, the -O levels, AOT, and the target label of each cell. */
interface Design { runtimes: string[]; opts: string[]; aot: boolean; cells: { target: string; opt: string }[] }

const LEVEL = /^O[0-3sz]$/;

/** One target of a name: a runtime with one mode, or runtime:mode (unknown names as one line naming the fix). */
async function oneTarget(name: string, role: string): Promise<string> {
  const plain = name.replace(/\+aot$/, '');
  const ts = await resolveTargets([plain]).catch((e: Error) => { throw new UsageError(`${role} "${name}": ${e.message.split('\n')[0]} (wasmlab doctor lists the targets)`); });
  const labels = [...new Set(ts.filter((t) => !t.aot).map((t) => targetLabel(t)))];
  if (labels.length !== 1) throw new UsageError(`${role} "${name}" has ${labels.length} targets (${labels.join(', ')}): name one, e.g. ${labels[0]}`);
  return labels[0]! + (name.endsWith('+aot') ? '+aot' : '');
}

async function designOf(c: Claim): Promise<Design> {
  const subject = await oneTarget(c.subject, 'SUBJECT');
  c.subject = subject;
  if (isGain(c.verb)) {
    const baseline = await oneTarget(c.baseline, 'BASELINE');
    c.baseline = baseline;
    const levels = LEVEL.test(c.from!);
    const opts = levels ? [c.from!, c.to!] : [c.opt];
    const cell = (t: string, side: string) => (levels ? { target: t, opt: side } : { target: side === 'aot' ? `${t}+aot` : t, opt: c.opt });
    return {
      runtimes: [subject, baseline], opts, aot: !levels,
      cells: [cell(subject, c.to!), cell(subject, c.from!), cell(baseline, c.to!), cell(baseline, c.from!)],
    };
  }
  if (LEVEL.test(c.baseline)) return { runtimes: [subject], opts: [c.opt, c.baseline], aot: false, cells: [{ target: subject, opt: c.opt }, { target: subject, opt: c.baseline }] };
  if (c.baseline === 'no-aot') {
    const jit = subject.replace(/\+aot$/, '');
    return { runtimes: [jit], opts: [c.opt], aot: true, cells: [{ target: subject, opt: c.opt }, { target: jit, opt: c.opt }] };
  }
  if (c.baseline.startsWith('version=')) {
    // The same target at another installed version is a target of its own (runtime@version).
    const [rt, mode] = subject.replace(/\+aot$/, '').split(':') as [string, string | undefined];
    c.baseline = await oneTarget(`${rt}@${c.baseline.slice('version='.length)}${mode ? `:${mode}` : ''}`, 'BASELINE');
  } else {
    c.baseline = await oneTarget(c.baseline, 'BASELINE');
  }
  if (c.baseline === subject) throw new UsageError(`SUBJECT and BASELINE are both ${subject}: name two different targets`);
  const aot = subject.endsWith('+aot') || c.baseline.endsWith('+aot');
  return { runtimes: [subject, c.baseline].map((t) => t.replace(/\+aot$/, '')), opts: [c.opt], aot, cells: [{ target: subject, opt: c.opt }, { target: c.baseline, opt: c.opt }] };
}

/** Median wall seconds per (benchmark, size, opt, target) of rows: the estimator's history. */
function historyOf(rows: readonly Row[]): History {
  const by = new Map<string, number[]>();
  for (const r of rows) {
    if (r.status !== 'ok' || typeof r.wall_s !== 'number') continue;
    const k = [r.benchmark, r.size, r.opt, targetLabel(r)].join('\0');
    (by.get(k) ?? by.set(k, []).get(k)!).push(r.wall_s);
  }
  const med = new Map([...by].map(([k, v]) => [k, v.sort((a, b) => a - b)[v.length >> 1]!]));
  return { wall: (b, size, opt, target) => med.get([b, size, opt, target].join('\0')) };
}

const pct = (x: number) => `${Math.round(100 * x)}%`;
const secs = (s: number) => (s < 120 ? `${s.toFixed(s < 10 ? 1 : 0)} s` : `${(s / 60).toFixed(1)} min`);
const sd = (v: number) => `${(100 * Math.sqrt(v)).toFixed(1)}%`;

/** "within sd 3.1%, 4.0%; between-benchmark sd 12% (from the pilot)". */
export function componentsText(c: VarianceComponents): string {
  return `rep-to-rep sd ${c.within.map(sd).join(', ')}; between-benchmark sd ${sd(c.between)} (${c.source})`;
}

export function planLine(claim: Claim, p: HypothesisPlan): string {
  const at = claim.verb === 'equivalent' || claim.verb === 'gains-as-much' ? `equivalence within ${marginText(claim.margin)}` : `an effect of ${marginText(claim.by).slice(1)}`;
  const size = `${p.benchmarks.length} benchmarks × ${p.reps} reps per side`;
  const power = p.reached
    ? `power ${pct(p.power)} for ${at} at α ${claim.alpha}`
    : `at most ${pct(p.power)} power for ${at} with these benchmarks (${p.benchmarks_needed ? `about ${p.benchmarks_needed} would reach ${pct(claim.power)}` : `no number of benchmarks reaches ${pct(claim.power)}`})`;
  const names = p.benchmarks.length > 8 ? `${p.benchmarks.slice(0, 6).join(', ')}, … ${p.benchmarks.at(-1)}` : p.benchmarks.join(', ');
  return `plan: ${size} (${names}); ${power}; ${componentsText(p.components)}; estimated ${secs(p.estimated_s)} (${p.runs} runs, ${p.stored_runs} already stored)`;
}

/** Plan, measure and decide a claim; see the module comment. */
export async function hypothesis(req: HypothesisRequest): Promise<HypothesisOutcome> {
  const note = req.onNote ?? (() => {});
  let claim: Claim;
  try {
    claim = claimOf(req.claim, { ...req, opt: req.opt });
  } catch (e) {
    throw e instanceof AnalysisUsageError ? new UsageError(e.message) : e;
  }
  const design = await designOf(claim);
  const all = asUsage(() => resolveBenchmarkList(req.benchmarks?.length ? req.benchmarks : ['all'])).filter((b) => b.sizes[claim.size]);
  if (!all.length) throw new UsageError(`no benchmark has size "${claim.size}": use --size mini, small, medium or large`);
  const named = Boolean(req.benchmarks?.length);
  const pool = named ? all.map((b) => b.id) : interleaveGroups(all.map((b) => b.id));
  const poolIds = pool;

  // 1. The store first.
  const storePath = req.store instanceof Store ? req.store : req.store && (existsSync(req.store) || !req.dryRun) ? req.store : null;
  const cellTargets = new Set(design.cells.map((x) => x.target));
  const inDesign = (r: Row) => cellTargets.has(targetLabel(r)) && design.opts.includes(String(r.opt)) && poolIds.includes(String(r.benchmark));
  const stored: Row[] = storePath && !req.fresh
    ? ((await load({ store: storePath, where: `size = '${claim.size.replace(/'/g, "''")}'` })) as unknown as Row[]).filter(inDesign)
    : [];
  const decide = (rows: readonly Row[], benchmarks: readonly string[]) => {
    try {
      return decideClaim(rows, claim, { benchmarks, resamples: req.resamples, seed: req.seed });
    } catch (e) {
      if (e instanceof AnalysisUsageError) return null; // the rows cannot pair: not an answer, measure
      throw e;
    }
  };
  const test = powerTest(claim);
  let history = historyOf(stored);
  const cost = (benchmarks: readonly string[], reps: number) => benchmarks.reduce((a, b) => a + design.cells.reduce(
    (s, cl) => s + ((req.warmup ?? 1) + reps) * estimateSeconds(history, { benchmark: b, size: claim.size, opt: cl.opt, target: cl.target }), 0), 0);
  const sizePlan = (c: VarianceComponents): SizePlan => planSize(test, c, claim.alpha, claim.power, {
    minBenchmarks: named ? pool.length : Math.min(MIN_BENCHMARKS, pool.length), maxBenchmarks: pool.length,
    cost: (k, n) => cost(pool.slice(0, k), n),
  });
  const storedResult = stored.length ? decide(stored, poolIds) : null;
  if (storedResult && storedResult.benchmarks >= Math.min(MIN_BENCHMARKS, pool.length)) {
    let enough = storedResult.verdict !== 'inconclusive at this power';
    if (!enough && storedResult.components) {
      const p = sizePlan({ ...storedResult.components, source: 'stored rows' });
      enough = storedResult.benchmarks >= p.benchmarks && storedResult.reps >= p.reps;
    }
    if (enough) {
      const line = verdictLine(storedResult);
      note(`answered from the store's rows (${storedResult.benchmarks} benchmarks × ${storedResult.reps} reps stored); nothing measured`);
      return { claim, source: 'stored rows', plan: null, result: storedResult, line, rows: [] };
    }
  }

  // 2. Variance components.
  const sweep = (benchmarks: string[], reps: number, fresh: boolean) => bench({
    benchmarks, runtimes: design.runtimes, opt: design.opts, size: claim.size, reps, warmup: req.warmup, aot: design.aot,
    timeout: req.timeout, pin: req.pin, store: req.store, storeWait: req.storeWait, fresh, counters: 'none',
    signal: req.signal, onEvent: req.onEvent, onRecord: req.onRecord, onSweep: req.onSweep,
  });
  let components = storedResult?.components ? { ...storedResult.components, source: 'stored rows' } : null;
  const measured: RunRecord[] = [];
  let freshDone = false;
  if (!components && !req.dryRun) {
    const pilot = pool.slice(0, PILOT_BENCHMARKS);
    note(`pilot: ${MIN_REPS} reps of ${pilot.length} benchmarks to estimate the variance`);
    const rows = await sweep(pilot, MIN_REPS, Boolean(req.fresh));
    freshDone = true;
    measured.push(...rows);
    if (req.signal?.aborted) return interrupted(claim, measured);
    history = historyOf([...stored, ...(rows as unknown as Row[])]);
    components = decide((rows as unknown as Row[]).filter(inDesign), pilot)?.components ?? null;
    if (components) components = { ...components, source: `pilot of ${pilot.length} benchmarks × ${MIN_REPS} reps` };
  }
  if (!components) {
    components = defaultComponents(cellsOf(claim));
    components.source = req.dryRun
      ? 'default assumptions: nothing stored to estimate from, and a dry run measures nothing'
      : 'default assumptions: the pilot gave too little to estimate from';
  }

  // 3. The plan.
  const sp = sizePlan(components);
  const chosen = pool.slice(0, sp.benchmarks);
  const storedReps = new Map<string, number>();
  // What the sweep will reuse: stored runs, and the pilot's (the first reps of the same configurations).
  for (const r of [...stored, ...(measured as unknown as Row[])]) if (r.status === 'ok') { const k = [r.benchmark, r.opt, targetLabel(r)].join('\0'); storedReps.set(k, (storedReps.get(k) ?? 0) + 1); }
  let runs = 0, storedRuns = 0, est = 0;
  for (const b of chosen) for (const cl of design.cells) {
    const have = Math.min(sp.reps, storedReps.get([b, cl.opt, cl.target].join('\0')) ?? 0);
    runs += sp.reps; storedRuns += have;
    if (have < sp.reps) est += ((req.warmup ?? 1) + sp.reps - have) * estimateSeconds(history, { benchmark: b, size: claim.size, opt: cl.opt, target: cl.target });
  }
  const plan: HypothesisPlan = {
    benchmarks: chosen, reps: sp.reps, power: sp.power, reached: sp.reached, benchmarks_needed: sp.benchmarksNeeded,
    components, runs, stored_runs: storedRuns, estimated_s: est,
  };
  const pl = planLine(claim, plan);
  if (!req.dryRun) note(pl); // a dry run's plan is its answer: the front prints `line`
  if (req.dryRun) return { claim, source: 'dry run', plan, result: null, line: pl, rows: [] };

  // 4. Measure exactly the plan, and decide.
  const rows = await sweep(chosen, sp.reps, Boolean(req.fresh) && !freshDone);
  if (req.signal?.aborted) return interrupted(claim, rows, plan);
  const result = decideClaim((rows as unknown as Row[]).filter(inDesign), claim, { benchmarks: chosen, resamples: req.resamples, seed: req.seed });
  return { claim, source: 'measured', plan, result, line: verdictLine(result), rows };
}

function interrupted(claim: Claim, rows: RunRecord[], plan: HypothesisPlan | null = null): HypothesisOutcome {
  return { claim, source: 'interrupted', plan, result: null, line: `interrupted: ${rows.length} runs kept (in the store: run it again to measure only what is missing)`, rows };
}

/** Suite ids, one group after another in turn (polybench, mibench, …), so the first k spread over groups. */
function interleaveGroups(ids: string[]): string[] {
  const by = new Map<string, string[]>();
  for (const id of ids) { const g = id.includes('/') ? id.slice(0, id.indexOf('/')) : ''; (by.get(g) ?? by.set(g, []).get(g)!).push(id); }
  const lists = [...by.values()];
  const out: string[] = [];
  for (let i = 0; out.length < ids.length; i++) for (const l of lists) if (i < l.length) out.push(l[i]!);
  return out;
}

/** The planning alone (wl.power, wasmlab plan --power): a dry run. */
export async function planHypothesis(req: HypothesisRequest): Promise<HypothesisOutcome> {
  return hypothesis({ ...req, dryRun: true });
}
