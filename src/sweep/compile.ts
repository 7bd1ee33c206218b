/** Building benchmarks (or one source) for native and wasm without running them: `wasmlab compile`, `%compile`. */
import { CompileError, UsageError } from '../errors.js';
import { resolveBenchmarkList } from '../suite/catalog.js';
import { adhocBenchmark } from '../suite/adhoc.js';
import { buildBenchmark, BuildError, type ArtifactInfo } from '../toolchain/build.js';
import { parseFeatures } from '../toolchain/features.js';
import { checkOpts } from '../options/validate.js';
import { asUsage } from './request.js';

export async function compile(req: {
  benchmarks?: string[]; source?: string; language?: 'c' | 'c++'; opt?: string[]; targets?: ('native' | 'wasm')[];
  /** Build features (src/toolchain/features.ts), e.g. ["simd128"]; none: the plain build. */
  features?: string[] | string;
}): Promise<ArtifactInfo[]> {
  const features = parseFeatures(req.features);
  const benchmarks = req.source !== undefined
    ? [adhocBenchmark(req.source, req.language ?? 'c', [])]
    : asUsage(() => resolveBenchmarkList(req.benchmarks ?? []));
  if (!benchmarks.length) throw new UsageError('nothing to compile: name benchmarks or give a source');
  const out: ArtifactInfo[] = [];
  for (const b of benchmarks) {
    for (const opt of checkOpts(req.opt)) {
      for (const t of req.targets ?? ['native', 'wasm']) {
        try {
          out.push(await buildBenchmark(b, t, opt, features));
        } catch (e) {
          if (e instanceof BuildError) throw new CompileError(e.message, e.diagnostics);
          throw e;
        }
      }
    }
  }
  return out;
}
