/** Sweep step 1: build a benchmark at one -O level, natively (always: the output reference) and for wasm. */
import { adapterFor } from '../runtimes/registry.js';
import type { Benchmark } from '../suite/manifest.js';
import { buildBenchmark, BuildError, type ArtifactInfo } from '../toolchain/build.js';
import type { SweepContext } from './context.js';

export type Artifacts = Partial<Record<'native' | 'wasm', ArtifactInfo | BuildError>>;

export async function buildArtifacts(ctx: SweepContext, b: Benchmark, opt: string): Promise<Artifacts> {
  const out: Artifacts = {};
  const needWasm = ctx.req.targets.some((t) => adapterFor(t.runtime).kind === 'wasm');
  const needNative = !b.prebuilt || ctx.req.targets.some((t) => adapterFor(t.runtime).kind === 'native');
  for (const kind of needWasm ? (['native', 'wasm'] as const) : (['native'] as const)) {
    if (kind === 'native' && !needNative) continue; // a prebuilt module (run --wasm) has none
    try {
      const a = await buildBenchmark(b, kind, opt, ctx.req.features);
      out[kind] = a;
      ctx.emit({ kind: 'build', benchmark: b.id, target: kind, opt, cached: a.cached, seconds: a.compile_s, bytes: a.bytes });
    } catch (e) {
      if (!(e instanceof BuildError)) throw e;
      out[kind] = e;
      ctx.emit({ kind: 'build-failed', benchmark: b.id, target: kind, opt, message: e.message });
    }
  }
  return out;
}
