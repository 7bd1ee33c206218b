/**
 * How sure a ranking of targets is: each target's rank by geomean ratio over a baseline, with a
 * bootstrap interval of that rank over benchmarks ("which runtime today", notebook 11).
 *
 * A ranking printed as 1, 2, 3 hides that neighbours often swap when the suite changes a little.
 * The estimand is the same as paired.ts's (the geomean over programs like these of the
 * per-benchmark ratio of medians); the rank interval says which ranks that geomean's target could
 * take if the benchmarks had been another draw. Resampling keeps the blocks: one resample draws
 * benchmarks with replacement (within each suite group, as interval.ts does) and every target's
 * geomean is computed over the same draw, so targets that win and lose on the same programs
 * move together. Only benchmarks every ranked target has are used (a target missing half the
 * suite would be ranked on other programs); the ones left out are returned with the reason.
 * Rank 1 is the smallest ratio (fastest, or smallest memory).
 */
import { median } from './aggregate.js';
import { mulberry32 } from './bootstrap.js';
import { pairUp, type CompareOptions } from './compare.js';
import { groupOf, strataOf } from './interval.js';
import { DEFAULT_METRIC, type Row } from './rows.js';

export interface RankIntervalOptions extends CompareOptions {
  /** Bootstrap resamples; default 10,000. */
  resamples?: number;
  seed?: number;
  /** Level of the rank interval; default 0.95. */
  level?: number;
}

export interface RankInterval {
  rank: number;
  subject: string;
  /** Geomean ratio over the baseline on the common benchmarks. */
  geomean: number;
  /** The interval of the rank (ranks the target takes in the middle `level` of the resamples). */
  rank_low: number;
  rank_high: number;
  /** Share of resamples in which the target ranks first. */
  p_first: number;
  benchmarks: number;
}

export interface Ranking {
  metric: string;
  baseline: string;
  rows: RankInterval[];
  /** Benchmarks (cases) left out because some ranked target lacks them. */
  dropped: string[];
  resamples: number;
  seed: number;
  level: number;
}

/** Ranks 1..n of xs, smallest first; ties share the lower rank. */
function ranksOf(xs: readonly number[]): number[] {
  return xs.map((x) => 1 + xs.filter((y) => y < x).length);
}

export function rankIntervals(rows: readonly Row[], o: RankIntervalOptions = {}): Ranking {
  const metric = o.metric ?? DEFAULT_METRIC;
  const resamples = o.resamples ?? 10_000, seed = o.seed ?? 1, level = o.level ?? 0.95;
  const paired = pairUp(rows, { ...o, metric });
  const caseOf = (benchmark: string, size: string, opt: string) => [benchmark, size, opt].filter(Boolean).join(' ');
  // subject → case → log ratio of medians
  const bySubject = new Map<string, Map<string, number>>();
  const groupOfCase = new Map<string, string>();
  for (const p of paired.pairs) {
    const c = caseOf(p.subject.id.benchmark, p.subject.id.size, p.subject.id.opt);
    // A group's values are sorted already (summarize.ts), as paired.ts reads them.
    const s = median(p.subject.values, true), b = median(p.base.values, true);
    if (s === null || b === null || s <= 0 || b <= 0) continue;
    if (!bySubject.has(p.subjectLabel)) bySubject.set(p.subjectLabel, new Map());
    bySubject.get(p.subjectLabel)!.set(c, Math.log(s / b));
    groupOfCase.set(c, groupOf(p.subject.id.benchmark));
  }
  const subjects = [...bySubject.keys()].sort();
  const allCases = [...groupOfCase.keys()].sort();
  const common = allCases.filter((c) => subjects.every((s) => bySubject.get(s)!.has(c)));
  const dropped = allCases.filter((c) => !common.includes(c))
    .map((c) => `${c} (missing on ${subjects.filter((s) => !bySubject.get(s)!.has(c)).join(', ')})`);
  const base = { metric, baseline: paired.baseline, dropped, resamples, seed, level };
  if (!subjects.length || !common.length) return { ...base, rows: [] };

  const logs = subjects.map((s) => common.map((c) => bySubject.get(s)!.get(c)!));
  const meanOf = (xs: readonly number[], idx: readonly number[]) => idx.reduce((a, i) => a + xs[i]!, 0) / idx.length;
  const all = common.map((_, i) => i);
  const point = logs.map((l) => meanOf(l, all));
  const pointRanks = ranksOf(point);

  // Strata: the suite groups of the common cases, as interval.ts resamples them (groups of one pooled).
  const strata = strataOf(common.length, common.map((c) => groupOfCase.get(c)!));
  const rand = mulberry32(seed);
  const rankDraws = subjects.map(() => new Float64Array(resamples));
  const first = subjects.map(() => 0);
  const idx: number[] = new Array(common.length);
  for (let r = 0; r < resamples; r++) {
    let k = 0;
    for (const members of strata) for (let j = 0; j < members.length; j++) idx[k++] = members[Math.floor(rand() * members.length)]!;
    const ranks = ranksOf(logs.map((l) => meanOf(l, idx)));
    ranks.forEach((rk, s) => { rankDraws[s]![r] = rk; if (rk === 1) first[s]!++; });
  }
  const a = (1 - level) / 2;
  const out = subjects.map((subject, s) => {
    const sorted = rankDraws[s]!.sort();
    return {
      rank: pointRanks[s]!, subject, geomean: Math.exp(point[s]!),
      // Ranks are integers: the interval's ends are order statistics, not interpolated.
      rank_low: sorted[Math.floor(a * (resamples - 1))]!, rank_high: sorted[Math.ceil((1 - a) * (resamples - 1))]!,
      p_first: first[s]! / resamples, benchmarks: common.length,
    };
  });
  return { ...base, rows: out.sort((x, y) => x.geomean - y.geomean) };
}

/** "3 (2–5)": the rank with its interval, as a table cell. */
export const rankText = (r: RankInterval): string => (r.rank_low === r.rank_high ? `${r.rank}` : `${r.rank} (${r.rank_low}–${r.rank_high})`);

