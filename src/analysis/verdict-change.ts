/**
 * Per-finding verdict lines of a replication: does B's data lead to the same verdict as A's?
 * Each side's verdicts come from study.ts (the notebooks' own rules of findings.ts, on the rows
 * each finding reads), so a replication answers in the words the published study used. Only
 * the verdict's kind is compared ("holds", "holds in part", "does not hold", "inconclusive"):
 * its numbers move between machines by design, and the per-target rows of replicate.ts judge
 * those. A finding that one side cannot evaluate (no rows for it, no interval, no decision rule:
 * findings 9 and 10 are summaries) is listed as not compared, never as a change.
 */
import type { Row } from './rows.js';
import { studyVerdicts, type StudyOptions } from './study.js';

/** The decided kinds of a verdict, longest first so "holds in part" is not read as "holds". */
const KINDS = ['holds in part', 'holds', 'does not hold', 'inconclusive'] as const;
export type VerdictKind = (typeof KINDS)[number];

export interface FindingChange {
  finding: string;
  claim: string;
  /** "same verdict", "verdict changed", or "not compared" (a side cannot evaluate it). */
  outcome: 'same verdict' | 'verdict changed' | 'not compared';
  kind_a: VerdictKind | null;
  kind_b: VerdictKind | null;
  verdict_a: string;
  verdict_b: string;
  /** The line a front prints. */
  line: string;
}

/** The decided kind a verdict starts with, or null (cannot be measured or decided, or a summary). */
export function verdictKind(verdict: string): VerdictKind | null {
  return KINDS.find((k) => verdict.startsWith(`${k}:`)) ?? null;
}

/** Every finding's verdict on A and on B, compared where both sides can evaluate it. */
export function findingChanges(a: readonly Row[], b: readonly Row[], o: StudyOptions & { names?: [string, string] } = {}): FindingChange[] {
  const [na, nb] = o.names ?? ['A', 'B'];
  const va = studyVerdicts(a, o), vb = studyVerdicts(b, o);
  return va.map((x, i) => {
    const y = vb[i]!;
    const ka = verdictKind(x.verdict), kb = verdictKind(y.verdict);
    const base = { finding: x.finding, claim: x.claim, kind_a: ka, kind_b: kb, verdict_a: x.verdict, verdict_b: y.verdict };
    if (!ka || !kb) {
      const why = !ka && !kb ? 'neither side can' : !ka ? `${na} cannot` : `${nb} cannot`;
      return { ...base, outcome: 'not compared', line: `finding ${x.finding}: not compared (${why} evaluate it: ${(!ka ? x : y).verdict.split(/[:;(]/)[0]!.trim()})` };
    }
    if (ka === kb) return { ...base, outcome: 'same verdict', line: `finding ${x.finding}: same verdict (both say "${ka}") — ${x.claim}` };
    return { ...base, outcome: 'verdict changed', line: `finding ${x.finding}: verdict changed: ${na} said "${ka}", ${nb} says "${kb}" — ${x.claim}` };
  });
}

/** The lines a front prints: one per finding compared, then the ones not compared on one line. */
export function findingLines(changes: readonly FindingChange[]): string[] {
  const out = changes.filter((c) => c.outcome !== 'not compared').map((c) => c.line);
  const rest = changes.filter((c) => c.outcome === 'not compared').map((c) => c.finding);
  if (rest.length) out.push(`not compared (a side has no rows or no decision for them): finding${rest.length > 1 ? 's' : ''} ${rest.join(', ')}`);
  return out;
}
