/**
 * What the fronts (src/cli, kernel) may call: the wasmlab core as one list of exports, no logic.
 * The kernel preloads it as the `wl` object's core. Where each thing lives:
 * - sweeps (bench, sweep, profile, benchSource): src/sweep/request.ts; compile: src/sweep/compile.ts
 * - option checks (parseSize, profileCounters): src/options/validate.ts, beside the option table
 * - the store's queries: src/store/query.ts; runtimes and benchmarks as rows: src/runtimes/rows.ts, src/suite/info.ts
 */
export type { RunRecord, CounterScopeChoice } from './record.js';
export { COUNTER_SCOPES } from './record.js';
export type { SweepEvent } from './sweep/events.js';
export type { SweepInfo } from './measure/provenance.js';
/** SIMD128 support of each available wasm runtime mode, probed once per version (doctor's SIMD column). */
export { simdSupportTable, type SimdSupport } from './measure/simd-probe.js';
/** Bad user input (one line that names the fix); a source that does not compile (with the compiler's output). */
export { UsageError, CompileError } from './errors.js';

export { bench, sweep, profile, benchSource, type BenchRequest } from './sweep/request.js';
export { compile } from './sweep/compile.js';
/** A claim planned, measured and decided (issue 26): src/plan/hypothesis.ts. */
export { hypothesis, planHypothesis, type HypothesisRequest, type HypothesisOutcome } from './plan/hypothesis.js';
export { parseSize, profileCounters } from './options/validate.js';

export { runtimeRows as runtimes, type RuntimeRow } from './runtimes/rows.js';
export { suiteInfo as suite, type BenchmarkInfo } from './suite/info.js';
/** Runtime versions in the cache (src/runtimes/versions): install, and list what is installed. */
export { addResultLine, type AddResult } from './runtimes/versions/install.js';
import { addRuntimes as addVersions, type AddOptions } from './runtimes/versions/install.js';
import { bench } from './sweep/request.js';
/** Install runtime versions; each new one is smoke-tested by a sweep of gemm (see install.ts). */
export const addRuntimes = (specs: string[], o: AddOptions = {}) => addVersions(specs, o, bench);
export { runtimeVersions, type VersionRow } from './runtimes/versions/list.js';

export { Store } from './store/store.js';
export { sql, load, sweeps, exportRuns, importRuns } from './store/query.js';
/** Stored counting rows plus the kernel-scope rows a profile derives from two sizes (what `findings` reads for 6–8). */
export { withKernelScope } from './measure/counters/scope.js';
/** Replicating a published bundle or store here (issue 30): src/publish/repro.ts. */
export { reproduce, type ReproRequest, type ReproOutcome } from './publish/repro.js';
