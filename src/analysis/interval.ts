/** The shape every summary over many benchmarks reports: a geomean, its confidence interval, and how many benchmarks. */
export interface GeomeanInterval {
  geomean: number;
  /** The CI's ends; null where there is none (too few benchmarks or reps). */
  ci_low: number | null;
  ci_high: number | null;
  benchmarks: number;
}
