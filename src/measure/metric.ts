/**
 * The primary metric: the one number per run that adaptive stopping (policy.ts) and outlier
 * flags (flag.ts) look at. It is the metric analyses use — the program's own timed region,
 * `kernel_s` — and `wall_s` for a program that has no timed region (no `@wasmlab kernel_ns=`
 * line). A sweep records the rule in its provenance (`primary_metric`).
 */
export type PrimaryMetric = 'kernel_s' | 'wall_s';

export const PRIMARY_METRIC_RULE = 'kernel_s; wall_s for a program without a timed region';

type Timed = { kernel_s: number | null; wall_s: number | null };

/** The metric of a group of runs of one target: kernel_s when every run has it, else wall_s. */
export function primaryMetric(rows: readonly Timed[]): PrimaryMetric {
  return rows.length > 0 && rows.every((r) => r.kernel_s !== null) ? 'kernel_s' : 'wall_s';
}
