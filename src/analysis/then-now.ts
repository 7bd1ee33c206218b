/**
 * Then and now (notebook 11, finding 11): per runtime family, the study-era build against
 * today's release on the same benchmarks, a paired comparison (paired.ts: per benchmark the
 * ratio of medians now / then, geomean with its interval over benchmarks).
 *
 * Several families are decided at once, so the word "faster"/"slower" is given by Holm's
 * adjusted p over the families (multiplicity.ts): the chance that any family is called changed
 * when none is stays at 5%. A family with no detectable change also says whether it is
 * equivalent within the margin (TOST), so "no detectable change" is not read as "the same".
 */
import { DEFAULT_MARGIN, marginText } from './equivalence.js';
import { holm } from './multiplicity.js';
import { comparePair, type DecisionOptions } from './paired.js';
import type { Row } from './rows.js';
import { targetLabel } from '../record.js';

export interface Family {
  family: string;
  /** The study-era target, e.g. "wamr:interp". */
  then: string;
  /** Today's release of the same engine and tier, e.g. "wamr@2.4.3:fast-interp". */
  now: string;
}

/** Notebook 11's families (the study's build against today's release); `wasmlab findings` decides finding 11 on them. */
export const STUDY_FAMILIES: readonly Family[] = [
  { family: 'WAMR fast interpreter', then: 'wamr:interp', now: 'wamr@2.4.3:fast-interp' },
  { family: 'WAMR AOT', then: 'wamr:aot', now: 'wamr@2.4.3:aot' },
  { family: 'Wasmer Singlepass', then: 'wasmer:singlepass', now: 'wasmer@7.4.2:singlepass' },
  { family: 'Wasmer Cranelift', then: 'wasmer:cranelift', now: 'wasmer@7.4.2:cranelift' },
  { family: 'V8 TurboFan', then: 'node:turbofan', now: 'node@26.12.1:turbofan' },
  { family: 'V8 Liftoff', then: 'node:liftoff', now: 'node@26.12.1:liftoff' },
  { family: 'Wasmtime (0.23 embedding vs 49 CLI, kernel time)', then: 'wasmtime@0.23.0:embedding', now: 'wasmtime:cranelift' },
];

export interface FamilyChange extends Family {
  metric: string;
  /** Geomean over the paired benchmarks of median(now) / median(then): below 1, today is faster. */
  ratio: number;
  ci_low: number | null;
  ci_high: number | null;
  benchmarks: number;
  p: number | null;
  p_holm: number | null;
  /** faster / slower (times; lower / higher otherwise), no detectable change, or "cannot be decided: …". */
  decision: string;
  equivalence: string | null;
  method: string;
  /** Benchmarks measured on one side only (excluded from the pairing). */
  excluded: number;
}

export interface ThenNowOptions extends DecisionOptions {
  metric?: string;
}

/** Each family's paired comparison, the decisions corrected over the families by Holm. */
export function thenAndNow(rows: readonly Row[], families: readonly Family[], o: ThenNowOptions = {}): FamilyChange[] {
  const metric = o.metric ?? 'kernel_s';
  const [less, more] = /_s$/.test(metric) ? ['faster', 'slower'] : ['lower', 'higher'];
  const raw = families.map((f) => {
    const mine = rows.filter((r) => r.runtime === 'native' || [f.then, f.now].includes(targetLabel(r)));
    const has = (t: string) => mine.some((r) => targetLabel(r) === t && r.status === 'ok');
    if (!has(f.then) || !has(f.now)) {
      const why = [f.then, f.now].filter((t) => !has(t)).map((t) => `${t} has no ok rows`).join('; ');
      return { ...f, metric, ratio: NaN, ci_low: null, ci_high: null, benchmarks: 0, p: null, decision: `cannot be decided: ${why}`, equivalence: null, method: 'none', excluded: 0 };
    }
    const d = comparePair(mine, f.now, { ...o, metric, baseline: f.then });
    return {
      ...f, metric, ratio: d.geomean_ratio, ci_low: d.ci_low, ci_high: d.ci_high, benchmarks: d.n_paired, p: d.p,
      decision: d.decision, equivalence: d.equivalence, method: d.method, excluded: d.excluded.length,
    };
  });
  const adjusted = holm(raw.map((r) => r.p));
  return raw.map((r, i) => {
    const ph = adjusted[i] ?? null;
    if (r.decision.startsWith('cannot')) return { ...r, p_holm: ph };
    const decision = ph !== null && ph < 0.05 ? (r.ratio < 1 ? less : more) : 'no detectable change';
    return { ...r, p_holm: ph, decision };
  });
}

const f2 = (x: number | null) => (x === null ? '?' : x.toFixed(2));

/** One line per family, then the count: what notebook 11 prints as its verdict. */
export function thenAndNowVerdict(changes: readonly FamilyChange[], margin = DEFAULT_MARGIN): string {
  if (!changes.length) return 'cannot be measured here: no family has both its study-era and its current build';
  const line = (c: FamilyChange) => c.decision.startsWith('cannot') ? `${c.family}: ${c.decision}`
    : `${c.family}: ${c.now} against ${c.then} ×${c.ratio.toFixed(2)} [${f2(c.ci_low)}–${f2(c.ci_high)}], ${c.decision}`
      + (c.decision === 'no detectable change' && c.equivalence ? ` (${c.equivalence.startsWith('equivalent') ? c.equivalence : `not shown equivalent within ${marginText(margin)}`})` : '');
  const count = (w: string) => changes.filter((c) => c.decision === w).length;
  const decided = changes.filter((c) => !c.decision.startsWith('cannot')).length;
  const [less, more] = /_s$/.test(changes[0]!.metric) ? ['faster', 'slower'] : ['lower', 'higher'];
  return `${count(less)} of ${decided} families ${less} today, ${count(more)} ${more}, ${count('no detectable change')} no detectable change (Holm over the families): `
    + changes.map(line).join('; ');
}
