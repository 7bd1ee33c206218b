/**
 * Every finding's verdict from one set of rows (a store of the study): the rows each notebook
 * measures are picked out of the store by its defaults (targets, AOT or not, -O level, size,
 * timing or counting runs), then handed to the same functions the notebooks call
 * (findings.ts), so `wasmlab findings` and a notebook say the same from the same rows.
 */
import { targetLabel } from '../record.js';
import { aotVerdict, beyondSummary, fasterVerdict, ipcVerdict, memoryVerdict, missesVerdict, optVerdict, overallVerdict, overTimeSummary, RULES, simdVerdict } from './findings.js';
import { report } from './report.js';
import type { Row } from './rows.js';
import { versionPoints } from './versions.js';
import { STUDY_FAMILIES, thenAndNow, thenAndNowVerdict } from './then-now.js';

export interface StudyVerdict {
  finding: string;
  notebook: string;
  claim: string;
  rows: number;
  verdict: string;
}

export interface StudyOptions {
  resamples?: number;
  seed?: number;
}

const PAPER = ['wasmtime:cranelift', 'wavm', 'wasmer:cranelift', 'wasm3', 'wamr:interp'];
const BEYOND = ['node:turbofan', 'node:liftoff', 'wasmtime:cranelift', 'wasmtime:winch', 'wazero:compiler', 'wazero:interpreter', 'wasmi'];
const WASMER = ['wasmer:singlepass', 'wasmer:cranelift', 'wasmer:llvm'];
const AOT = ['wavm', 'wasmtime:cranelift', 'wasmer:cranelift'];
const OPT = ['native', 'wasmtime:cranelift', 'wasmer:cranelift', 'wasm3', 'wamr:interp'];
/** Notebook 12's targets (its rows here are whichever targets have simd128 rows). */
const SIMD = ['native', 'wasmtime:cranelift', 'wasmtime:winch', 'wasmer:cranelift', 'wasmer:llvm', 'wamr:aot', 'wazero:compiler', 'node:turbofan', 'node:liftoff'];

/** The targets each finding's verdict reads (its notebook's defaults, baseline included); `+aot` targets count as their JIT's. */
const FINDING_TARGETS: Record<string, readonly string[]> = {
  1: ['native', ...PAPER], 2: WASMER, 3: AOT, 4: OPT, 5: ['native', ...PAPER],
  6: ['native', ...PAPER], 7: ['native', ...PAPER], 8: ['native', ...PAPER], 9: ['native', ...BEYOND], 12: SIMD,
};

/**
 * Of `targets` (a plan's), those finding `finding` reads: its list above; for finding 10 native and
 * every versioned target (`wasmtime@0.30.0:embedding`). Undefined for a finding whose notebook
 * names its targets in its own cells (11, 11b) or that does not exist.
 */
export function findingTargets(finding: string, targets: readonly string[]): string[] | undefined {
  if (finding === '10') return targets.filter((t) => t === 'native' || t.includes('@'));
  const list = FINDING_TARGETS[finding];
  return list && targets.filter((t) => list.includes(t) || list.includes(t.replace(/\+aot$/, '')));
}

const counted = (r: Row) => r.counter_source === 'perf' || r.counter_source === 'valgrind';
const versioned = (r: Row) => String(r.runtime ?? '').includes('@');
/** An MVP build (no feature set): notebooks 01–10 measure those; 12's SIMD and novec rows share the store. */
const plain = (r: Row) => !String(r.features ?? '');

/** The rows whose `key` is `preferred` when there are any, else those at the value with the most rows. */
function pick(rows: readonly Row[], key: 'size' | 'opt', preferred: string): Row[] {
  if (rows.some((r) => r[key] === preferred)) return rows.filter((r) => r[key] === preferred);
  const n = new Map<string, number>();
  for (const r of rows) n.set(String(r[key]), (n.get(String(r[key])) ?? 0) + 1);
  const top = [...n].sort((a, b) => b[1] - a[1])[0]?.[0];
  return rows.filter((r) => String(r[key]) === top);
}
const atSize = (rows: readonly Row[], size: string) => pick(rows, 'size', size);
const atO2 = (rows: readonly Row[]) => pick(rows, 'opt', 'O2');

/** Timing rows (not counting runs) of these targets (plain, or `+aot` too), unversioned. */
function timing(rows: readonly Row[], targets: readonly string[], aot: 'jit' | 'both'): Row[] {
  return rows.filter((r) => !counted(r) && !versioned(r) && plain(r) && (aot === 'both' || r.aot !== true)
    && (targets.includes(targetLabel(r)) || (aot === 'both' && targets.includes(targetLabel({ ...r, aot: false })))));
}

export function studyVerdicts(rows: readonly Row[], o: StudyOptions = {}): StudyVerdict[] {
  const bs = { resamples: o.resamples, seed: o.seed };
  const f1 = atSize(atO2(timing(rows, FINDING_TARGETS[1]!, 'jit')), 'medium');
  const f2 = atSize(atO2(timing(rows, WASMER, 'jit')), 'medium');
  const f3 = atSize(atO2(timing(rows, AOT, 'both')), 'medium');
  const f4 = atSize(timing(rows, OPT, 'jit'), 'small');
  // Counting runs at small, process scope and the kernel scope a profile derives from a second size
  // (withKernelScope adds those to stored rows); the mini companion sweep only serves that.
  const prof = atSize(rows.filter((r) => counted(r) && !versioned(r) && plain(r)), 'small');
  // Notebook 09's programs: those every one of its targets ran (other notebooks add programs at
  // `small` for a few of these targets, e.g. 13's applications, which 09 does not measure).
  const f9all = atSize(atO2(timing(rows, FINDING_TARGETS[9]!, 'jit')), 'small');
  const f9targets = new Set(f9all.map((r) => targetLabel(r)));
  const f9cases = [...new Set(f9all.map((r) => r.benchmark))].filter((b) => [...f9targets].every((t) => f9all.some((r) => r.benchmark === b && targetLabel(r) === t)));
  const f9 = f9all.filter((r) => f9cases.includes(r.benchmark));
  // Notebook 10's rows: native, the versioned targets (wasmtime@0.30.0:embedding) and any plain
  // target whose own rows carry two or more runtime versions. A plain target with one version
  // stays out: beside notebook 11's wamr@2.4.3 or node@26 rows it would make a false two-version
  // series (the 2020 WAMR build against 2.4.3 is finding 11's family, not a timeline).
  const timed = atSize(atO2(rows.filter((r) => !counted(r) && plain(r))), 'small');
  const versionsOf = new Map<string, Set<string>>();
  for (const r of timed) if (!versioned(r)) versionsOf.set(targetLabel(r), (versionsOf.get(targetLabel(r)) ?? new Set()).add(String(r.runtime_version ?? '')));
  const f10 = timed.filter((r) => r.runtime === 'native' || versioned(r) || (versionsOf.get(targetLabel(r))?.size ?? 0) > 1);
  // SIMD: the targets with simd128 rows, their plain rows, and native's (plain, simd128, novec).
  const simdTargets = new Set(rows.filter((r) => String(r.features ?? '').split(',').includes('simd128')).map((r) => targetLabel(r)));
  const f12 = simdTargets.size ? atSize(atO2(rows.filter((r) => !counted(r) && !versioned(r) && (r.runtime === 'native' || simdTargets.has(targetLabel(r))))), 'small') : [];
  // Finding 11: the families with rows on both sides, at notebook 11's size.
  const okTargets = new Set(rows.filter((r) => r.status === 'ok' && !counted(r) && plain(r)).map((r) => targetLabel(r)));
  const families = STUDY_FAMILIES.filter((f) => okTargets.has(f.then) && okTargets.has(f.now));
  const familyTargets = new Set(families.flatMap((f) => [f.then, f.now]));
  const f11 = families.length ? atSize(atO2(rows.filter((r) => !counted(r) && plain(r) && (r.runtime === 'native' || familyTargets.has(targetLabel(r))))), 'small') : [];
  const opts = [...new Set(f4.map((r) => String(r.opt)))].sort();
  const cases: [string, Row[], () => string][] = [
    ['1', f1, () => overallVerdict(report(f1, bs).geomeans, PAPER)],
    ['2', f2, () => fasterVerdict(report(f2, { ...bs, baseline: 'wasmer:singlepass' }).geomeans, ['wasmer:cranelift', 'wasmer:llvm'], 'wasmer:singlepass')],
    ['3', f3, () => aotVerdict(report(f3, { ...bs, baseline: { sameTarget: 'no-aot' }, metric: 'wall_s' }).geomeans, 'wavm', ['wasmtime:cranelift', 'wasmer:cranelift'])],
    ['4', f4, () => optVerdict(report(f4, { ...bs, baseline: { sameTarget: 'O0' } }).geomeans, ['wasmtime:cranelift', 'wasmer:cranelift', 'wasm3', 'wamr:interp'], opts)],
    ['5', f1, () => memoryVerdict(report(f1, { ...bs, metric: 'maxrss_kb' }).geomeans, PAPER)],
    ['6', prof, () => ipcVerdict(prof, PAPER)],
    ['7', prof, () => missesVerdict(prof, PAPER, 'branch')],
    ['8', prof, () => missesVerdict(prof, PAPER, 'cache')],
    ['9', f9, () => { const r = report(f9, bs); return beyondSummary(r.geomeans, r.comparisons); }],
    ['10', f10, () => overTimeSummary(versionPoints(report(f10, bs).geomeans, []), f10, bs)],
    ['11', f11, () => thenAndNowVerdict(thenAndNow(f11, families, bs))],
    ['12', f12, () => simdVerdict(f12, bs)],
  ];
  return cases.map(([finding, rs, f]) => {
    const rule = RULES.find((r) => r.finding === finding)!;
    let verdict: string;
    if (!rs.length) verdict = 'cannot be measured here: the store has no rows for this finding';
    else {
      try {
        verdict = f();
      } catch (e) {
        verdict = `cannot be decided: ${(e as Error).message}`;
      }
    }
    return { finding, notebook: rule.notebook, claim: rule.claim, rows: rs.length, verdict };
  });
}
