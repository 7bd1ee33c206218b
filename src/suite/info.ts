/** The benchmarks with their metadata, as plain rows for `wasmlab suite` and `%suite`. */
import { filterBenchmarks } from './catalog.js';

export interface BenchmarkInfo {
  id: string;
  group: string;
  category: string;
  language: string;
  description: string;
  origin: string;
  sizes: string[];
  check: string;
  inputs: string[];
  stdin: string;
  dir: string;
}

/** The benchmarks whose id, group or category contains `filter` (all without one). */
export function suiteInfo(filter?: string): BenchmarkInfo[] {
  return filterBenchmarks(filter).map((b) => ({
    id: b.id, group: b.group, category: b.category, language: b.language, description: b.description,
    origin: b.origin, sizes: Object.keys(b.sizes), check: b.check, inputs: (b.inputs ?? []).map((i) => i.name),
    stdin: b.stdin ?? '', dir: b.dir,
  }));
}
