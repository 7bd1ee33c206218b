/**
 * What a sweep asks of the world outside it: which runtimes there are and whether they are here,
 * builds, AOT compiles, and single runs of prepared commands. The sweep's own logic — the
 * interleaved schedule, warm-ups, adaptive stopping, failure rows, cancellation, reuse from the
 * store — runs against this interface, so it can be driven by a scripted fake in unit tests (as
 * hyperfine drives its scheduler with a MockExecutor behind its `Executor` trait). The real one
 * spawns compilers and runtimes; the end-to-end tests use it.
 */
import type { Detection, RuntimeAdapter } from '../runtimes/adapter.js';
import { adapterFor, detectMode } from '../runtimes/registry.js';
import type { Benchmark } from '../suite/manifest.js';
import { buildBenchmark, type ArtifactInfo } from '../toolchain/build.js';
import { aotCompile, type AotArtifact } from '../measure/aot.js';
import { executeRun, type Outcome, type RunSpec } from '../measure/execute.js';

/**
 * Why a command is run: native's reference output, a warm-up, a measured rep, or the second run
 * of a counter mechanism (valgrind). The real executor runs them all alike; a fake tells them apart.
 */
export type RunPurpose = 'reference' | 'warm-up' | 'measured' | 'counters' | 'trace';

export interface Executor {
  /** A runtime's adapter: its kind, modes and the command of a run (throws for an unknown runtime). */
  adapter(runtime: string): RuntimeAdapter;
  /** Whether one mode of a runtime is here, and its version. */
  detect(adapter: RuntimeAdapter, mode: string): Promise<Detection>;
  /** A benchmark built at one -O level with a feature set (none: plain); a BuildError is a failure the sweep reports as rows. */
  build(b: Benchmark, kind: 'native' | 'wasm', opt: string, features?: readonly string[]): Promise<ArtifactInfo>;
  /** A module compiled ahead of time for one mode; throws when it cannot be. */
  aotCompile(adapter: RuntimeAdapter, mode: string, version: string, wasm: string, wasmSha: string, signal?: AbortSignal): Promise<AotArtifact>;
  /** One run of a prepared command; status "cancelled" when the spec's signal stopped it. */
  run(spec: RunSpec, purpose: RunPurpose): Promise<Outcome>;
}

/** Real compilers, runtimes and the launcher. */
export const realExecutor: Executor = {
  adapter: adapterFor,
  detect: detectMode,
  build: buildBenchmark,
  aotCompile,
  run: (spec) => executeRun(spec),
};
