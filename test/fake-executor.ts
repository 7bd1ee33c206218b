/**
 * A scripted Executor (src/sweep/executor.ts) for the sweep's unit tests, the fake issue 24
 * allows: runtimes named by the test, builds that produce nothing, and runs that return at once
 * with the times and failures a script chooses, launching nothing. It logs every run asked for,
 * so a test can check what the sweep ran and in which order.
 */
import { createHash } from 'node:crypto';
import type { RunStatus } from '../src/record.js';
import { targetLabel } from '../src/record.js';
import type { Detection, RuntimeAdapter } from '../src/runtimes/adapter.js';
import type { Outcome, RunSpec } from '../src/measure/execute.js';
import type { LaunchResult } from '../src/measure/launch.js';
import type { Executor, RunPurpose } from '../src/sweep/executor.js';
import type { Benchmark } from '../src/suite/manifest.js';
import { BuildError, type ArtifactInfo } from '../src/toolchain/build.js';

/**
 * One scripted run: an ok run taking this many milliseconds (its kernel time; wall time is 1 ms
 * more), an ok run with other output than the reference's, or a failure.
 */
export type Step = number | { ms: number; output: string } | { status: Exclude<RunStatus, 'ok' | 'cancelled'>; reason?: string };

/** One run the sweep asked for: of which target (or "reference"), why, and the call's index for that target. */
export interface Call {
  target: string;
  purpose: RunPurpose;
  index: number;
}

export interface FakeScript {
  /**
   * Each target's runs in order, warm-ups included, by target label ("alpha", "beta:fast"): a
   * list (10 ms runs after its end) or a function of the run's index. Unlisted targets: 10 ms each.
   */
  runs?: Record<string, Step[] | ((index: number) => Step)>;
  /** The reference run (default: ok, the output every target gives by default). */
  reference?: Step;
  /** Runtimes that are not here, with the reason detect gives. */
  unavailable?: Record<string, string>;
  /** Builds that fail: "native" or "wasm". */
  buildFails?: ('native' | 'wasm')[];
  /** Runtimes whose AOT compiler fails. */
  aotFails?: string[];
  /** Told before each run: a test aborts its controller here to cancel the sweep mid-run. */
  onRun?: (call: Call) => void;
}

/** The output every run gives unless its step says otherwise. */
const EXPECTED = 'expected';

const DEFAULT_MS = 10;

const noLaunch: LaunchResult = {
  wall_s: null, user_s: null, sys_s: null, maxrss_kb: null, exit_code: null, signal: null, timed_out: false, cancelled: false,
  start_error: null, counters: null, counter_error: null, software: null, software_error: null, note: null,
};

export class FakeExecutor implements Executor {
  /** Every run asked for, in order. */
  readonly calls: Call[] = [];
  /** The spec of each of those runs. */
  readonly specs: RunSpec[] = [];
  /** Every build asked for, as "benchmark kind -opt". */
  readonly builds: string[] = [];
  private readonly adapters = new Map<string, RuntimeAdapter>();
  private readonly perTarget = new Map<string, number>();

  constructor(private readonly script: FakeScript = {}) {}

  /** The measured and warm-up runs only, as "target purpose" lines. */
  get schedule(): string[] {
    return this.calls.filter((c) => c.purpose !== 'reference').map((c) => `${c.target} ${c.purpose}`);
  }

  adapter(runtime: string): RuntimeAdapter {
    let a = this.adapters.get(runtime);
    if (!a) {
      a = {
        name: runtime,
        kind: runtime === 'native' ? 'native' : 'wasm',
        // "jit" has an AOT compiler beside it, so the sweep also times a compile-only run.
        modes: [{ mode: 'default', description: 'fake', aot: 'none' }, { mode: 'fast', description: 'fake', aot: 'none' }, { mode: 'jit', description: 'fake', aot: 'optional' }],
        detect: async () => this.detection(runtime),
        // argv[0] names the target, so run() knows whose run it is.
        runCommand: (mode, aot, input) => ({ argv: [targetLabel({ runtime, mode, aot }), input.program, ...input.args] }),
      };
      this.adapters.set(runtime, a);
    }
    return a;
  }

  private detection(runtime: string): Detection {
    const why = this.script.unavailable?.[runtime];
    return why === undefined
      ? { available: true, path: `/fake/bin/${runtime}`, version: `${runtime} 1.0` }
      : { available: false, reason: why, fix: `install ${runtime}` };
  }

  async detect(adapter: RuntimeAdapter): Promise<Detection> {
    return adapter.detect();
  }

  async build(b: Benchmark, kind: 'native' | 'wasm', opt: string, features: readonly string[] = []): Promise<ArtifactInfo> {
    this.builds.push(`${b.id} ${kind} -${opt}`);
    if (this.script.buildFails?.includes(kind)) throw new BuildError(`${b.id} (${kind} -${opt}): scripted compile error`, 'error: scripted');
    const path = `/fake/${b.id}-${opt}.${kind}`;
    return {
      benchmark: b.id, target: kind, opt, path, bytes: 1024, sha256: createHash('sha256').update(path).digest('hex'),
      compile_s: 0.1, cached: false, compiler_version: 'fake-cc 1.0', cflags: `-${opt}`, features: features.join(','), v128: null,
    };
  }

  async aotCompile(a: RuntimeAdapter, _mode: string, _version: string, wasm: string): Promise<{ path: string; compile_s: number; cached: boolean }> {
    if (this.script.aotFails?.includes(a.name)) throw new Error(`${a.name} compile ${wasm}: scripted AOT failure`);
    return { path: `${wasm}.aot`, compile_s: 0.5, cached: false };
  }

  async run(spec: RunSpec, purpose: RunPurpose): Promise<Outcome> {
    const target = purpose === 'reference' ? 'reference' : spec.cmd.argv[0]!;
    const index = this.perTarget.get(target) ?? 0;
    this.perTarget.set(target, index + 1);
    const call = { target, purpose, index };
    this.calls.push(call);
    this.specs.push(spec);
    this.script.onRun?.(call);
    // As the real launcher: a run started or running when the sweep is aborted is cancelled.
    if (spec.signal?.aborted) return this.outcome({ ...noLaunch, cancelled: true }, 'cancelled', 'sweep interrupted');
    return this.play(purpose === 'reference' ? this.script.reference ?? DEFAULT_MS : this.step(target, index), spec);
  }

  private step(target: string, index: number): Step {
    const s = this.script.runs?.[target];
    if (typeof s === 'function') return s(index);
    return s?.[index] ?? DEFAULT_MS;
  }

  private play(step: Step, spec: RunSpec): Outcome {
    if (typeof step === 'number' || 'ms' in step) {
      const ms = typeof step === 'number' ? step : step.ms;
      const output = typeof step === 'number' ? EXPECTED : step.output;
      const launch = { ...noLaunch, wall_s: (ms + 1) / 1000, user_s: ms / 1000, sys_s: 0, maxrss_kb: 2048, exit_code: 0 };
      return { ...this.outcome(launch, 'ok', ''), kernel_s: ms / 1000, output_hash: `hash of ${output}` };
    }
    const timedOut = step.status === 'timeout';
    const launch = { ...noLaunch, wall_s: timedOut ? spec.timeoutS : 0.001, exit_code: timedOut ? null : 1, timed_out: timedOut };
    return this.outcome(launch, step.status, step.reason ?? `scripted ${step.status}`);
  }

  private outcome(launch: LaunchResult, status: RunStatus, reason: string): Outcome {
    return { launch, status, reason, kernel_s: null, output_hash: null, advisory_hash: null, created: [], stderr: '' };
  }
}
