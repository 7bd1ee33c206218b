/**
 * The sweep: benchmarks × -O levels × targets × repetitions, streamed as RunRecords as they are
 * measured. Per (benchmark, -O level) it builds native + wasm, runs native once as the output
 * reference, compiles AOT variants, does the warm-ups, then interleaves the targets rep by rep
 * (round robin over the targets that still need runs), so slow drift of the machine spreads over
 * all targets instead of biasing whichever ran last. Failures become rows with a status and a
 * reason; an abort stops at once, keeping every row already yielded.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { targetLabel, type RunRecord, type CounterSource } from '../record.js';
import type { Detection, RuntimeAdapter, Target } from '../runtimes/adapter.js';
import { adapterFor, detectMode } from '../runtimes/registry.js';
import type { Benchmark } from '../suite/manifest.js';
import { buildBenchmark, BuildError, type ArtifactInfo } from '../toolchain/build.js';
import { aotCompile } from './aot.js';
import { countersToColumns } from './counters/derive.js';
import { parseCachegrind, valgrindPath, VALGRIND_NOTE, wrapWithCachegrind } from './counters/valgrind.js';
import { executeRun, type Outcome } from './execute.js';
import { LaunchSession } from './launch.js';
import { needsMoreRuns, type RepPolicy } from './policy.js';
import { prepareRunDir, type RunDir } from './rundir.js';

export interface SweepProgress {
  done: number;
  total: number;
  label: string;
}

export interface SweepRequest {
  benchmarks: Benchmark[];
  targets: Target[];
  opts: string[];
  size: string;
  policy: RepPolicy;
  /** Already resolved: "auto" is decided by the caller. */
  counters: CounterSource;
  timeoutS?: number;
  pinCpus?: string;
  signal?: AbortSignal;
  sweepId?: string;
  onProgress?: (p: SweepProgress) => void;
  /** Human notes: what was built or served from cache, skipped targets… */
  onNote?: (msg: string) => void;
}

export function newSweepId(): string {
  return `${new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '')}-${randomBytes(3).toString('hex')}`;
}

/** A prepared target: adapter, detection, what to run. */
interface Prepared {
  target: Target;
  adapter: RuntimeAdapter;
  det: Detection;
  program: string;
  artifact: ArtifactInfo;
  aot_compile_s: number | null;
  jit_compile_s: number | null;
  times: number[];
  rep: number;
  stopped: boolean;
}

const NULL_COUNTERS = countersToColumns({});

export async function* runSweep(req: SweepRequest): AsyncGenerator<RunRecord> {
  const sweepId = req.sweepId ?? newSweepId();
  const sweepDir = join(tmpdir(), `wasmlab-${sweepId}`);
  mkdirSync(sweepDir, { recursive: true });
  const host = hostname();
  const note = (m: string) => req.onNote?.(m);
  const aborted = () => Boolean(req.signal?.aborted);
  // Progress counts the runs the policy promises; adaptive targets may add more.
  const perTarget = Math.max(req.policy.minRuns, 1);
  const progress = { done: 0, total: req.benchmarks.length * req.opts.length * req.targets.length * perTarget };
  const tick = (label: string) => req.onProgress?.({ ...progress, label });
  const valgrind = req.counters === 'valgrind' ? valgrindPath() : undefined;
  const session = new LaunchSession();
  if (req.counters === 'valgrind' && !valgrind) note('valgrind not found: counters will be empty (install valgrind: bash setup/setup.sh)');

  // A row with identity + provenance and nothing measured; callers fill what they have.
  const row = (b: Benchmark, opt: string, t: Target, over: Partial<RunRecord>): RunRecord => ({
    sweep_id: sweepId, benchmark: b.id, size: req.size, opt, runtime: t.runtime, mode: t.mode, aot: t.aot, rep: 0,
    wall_s: null, user_s: null, sys_s: null, maxrss_kb: null, kernel_s: null, startup_s: null, aot_compile_s: null, jit_compile_s: null,
    exit_code: null, signal: null, status: 'ok', reason: '', output_ok: null, outlier: false,
    counter_source: 'none', counter_note: '', ...NULL_COUNTERS,
    runtime_version: '', compiler_version: '', cflags: '', argv: '', artifact_sha256: '', artifact_bytes: null,
    timestamp: new Date().toISOString(), host, ...over,
  });

  try {
    for (const b of req.benchmarks) {
      // The run folder depends on the benchmark and size only: prepared once for all -O levels.
      let prepared: RunDir | undefined;
      let unusable = '';
      let unusableStatus: RunRecord['status'] = 'unavailable';
      if (!b.sizes[req.size]) {
        unusable = `${b.id} has no size "${req.size}" (sizes: ${Object.keys(b.sizes).join(', ')})`;
      } else {
        try {
          prepared = prepareRunDir(b, req.size, sweepDir);
        } catch (e) {
          unusable = (e as Error).message;
          unusableStatus = 'launch-failed';
        }
      }
      for (const opt of req.opts) {
        if (aborted()) return;
        if (!prepared) {
          for (const t of req.targets) yield row(b, opt, t, { status: unusableStatus, reason: unusable });
          progress.done += req.targets.length * perTarget;
          continue;
        }
        const runDir = prepared;
        const args = b.sizes[req.size]!;
        const timeoutS = req.timeoutS ?? b.timeout_s ?? 600;
        const spec = (cmdArgv: { argv: string[]; env?: Record<string, string> }, io: string, perf = false) => ({
          cmd: cmdArgv, runDir, check: b.check, ioPrefix: join(sweepDir, io), timeoutS, perf,
          pinCpus: req.pinCpus, signal: req.signal, session,
        });

        // 1. Builds. Native is always built: it is the output reference.
        const artifacts: Partial<Record<'native' | 'wasm', ArtifactInfo | BuildError>> = {};
        const needWasm = req.targets.some((t) => adapterFor(t.runtime).kind === 'wasm');
        for (const kind of needWasm ? (['native', 'wasm'] as const) : (['native'] as const)) {
          try {
            const a = await buildBenchmark(b, kind, opt);
            artifacts[kind] = a;
            note(`${a.cached ? 'cached' : 'built '} ${b.id} ${kind} -${opt} (${(a.bytes / 1024).toFixed(0)} KiB${a.cached ? '' : `, ${a.compile_s.toFixed(2)} s`})`);
          } catch (e) {
            if (!(e instanceof BuildError)) throw e;
            artifacts[kind] = e;
            note(`build failed: ${e.message}`);
          }
        }

        // 2. The native reference output.
        let reference: string | null = null;
        const nativeArt = artifacts.native;
        if (nativeArt && !(nativeArt instanceof BuildError)) {
          const o = await executeRun(spec({ argv: [nativeArt.path, ...args] }, 'reference'));
          if (aborted()) return;
          reference = o.output_hash;
          if (!reference) note(`native reference run of ${b.id} failed (${o.status}: ${o.reason}): output_ok will be empty`);
        }

        // 3. Prepare each target: detection, artifact, AOT.
        const ready: Prepared[] = [];
        for (const t of req.targets) {
          if (aborted()) return;
          const adapter = adapterFor(t.runtime);
          const det = await detectMode(adapter, t.mode);
          const version = det.version ?? '';
          if (!det.available) {
            yield row(b, opt, t, { status: 'unavailable', reason: `${det.reason ?? 'not available'}${det.fix ? ` — fix: ${det.fix}` : ''}` });
            progress.done += perTarget;
            continue;
          }
          const art = artifacts[adapter.kind];
          if (!art || art instanceof BuildError) {
            yield row(b, opt, t, { status: 'build-failed', reason: art?.message ?? 'not built', runtime_version: version });
            progress.done += perTarget;
            continue;
          }
          let program = art.path;
          let aot_compile_s: number | null = null;
          if (t.aot) {
            try {
              const a = await aotCompile(adapter, t.mode, version, art.path, art.sha256, req.signal);
              program = a.path;
              aot_compile_s = a.compile_s;
              note(`${a.cached ? 'cached' : 'aot   '} ${b.id} -${opt} for ${t.runtime}:${t.mode} (${a.compile_s.toFixed(2)} s)`);
            } catch (e) {
              if (aborted()) return;
              yield row(b, opt, t, { status: 'aot-failed', reason: (e as Error).message, runtime_version: version });
              progress.done += perTarget;
              continue;
            }
          }
          // A JIT mode with an AOT compiler: time that compiler alone on the module (cached like
          // AOT artifacts), so the JIT's compile cost can be separated from the rest of start-up.
          let jit_compile_s: number | null = null;
          if (!t.aot && adapter.modes.find((m) => m.mode === t.mode)?.aot === 'optional') {
            try {
              const a = await aotCompile(adapter, t.mode, version, art.path, art.sha256, req.signal);
              jit_compile_s = a.compile_s;
              note(`${a.cached ? 'cached' : 'aot   '} ${b.id} -${opt} for ${t.runtime}:${t.mode}, compile only (${a.compile_s.toFixed(2)} s)`);
            } catch (e) {
              if (aborted()) return;
              note(`compile-only measurement of ${b.id} for ${t.runtime}:${t.mode} failed: ${(e as Error).message}`);
            }
          }
          ready.push({ target: t, adapter, det, program, artifact: art, aot_compile_s, jit_compile_s, times: [], rep: 0, stopped: false });
        }

        // 4. One measured (or warm-up) run of a prepared target → a row.
        const measure = async (p: Prepared, warm: boolean): Promise<RunRecord | null> => {
          const cmd = p.adapter.runCommand(p.target.mode, p.target.aot, { program: p.program, args, dir: runDir.dir });
          const label = `${b.id} -${opt} ${targetLabel(p.target)}`;
          tick(`${label} ${warm ? 'warm-up' : `rep ${p.rep + 1}`}`);
          const o: Outcome = await executeRun(spec(cmd, 'run', req.counters === 'perf'));
          if (o.status === 'cancelled') return null;
          const l = o.launch;
          let status = o.status;
          let reason = o.reason;
          let output_ok: boolean | null = null;
          if (status === 'ok' && reference) {
            output_ok = o.output_hash === reference;
            if (!output_ok) { status = 'wrong-output'; reason = `output differs from native's (${b.check})`; }
          } else if (status === 'ok') {
            reason = 'no native reference output to compare with';
          }
          let counter_source: CounterSource = 'none';
          let counter_note = '';
          let counters = NULL_COUNTERS;
          if (!warm && req.counters === 'perf') {
            counter_source = 'perf';
            if (l.counters) counters = countersToColumns(l.counters);
            else counter_note = `perf counters failed: ${l.counter_error ?? 'no counts'}`;
          } else if (!warm && req.counters === 'valgrind' && valgrind) {
            counter_source = 'valgrind';
            const log = join(sweepDir, 'cachegrind.log');
            const vo = await executeRun(spec({ argv: wrapWithCachegrind(valgrind, cmd.argv, log), env: cmd.env }, 'valgrind'));
            if (vo.status === 'cancelled') return null;
            try {
              counters = countersToColumns(parseCachegrind(existsSync(log) ? readFileSync(log, 'utf8') : ''));
              counter_note = VALGRIND_NOTE;
            } catch (e) {
              counter_note = `valgrind failed (${vo.status}${vo.reason ? `: ${vo.reason}` : ''}): ${(e as Error).message}`;
            }
          }
          const kernel_s = status === 'ok' || status === 'wrong-output' ? o.kernel_s : null;
          return row(b, opt, p.target, {
            rep: p.rep, timestamp: new Date(Date.now() - (l.wall_s ?? 0) * 1000).toISOString(),
            wall_s: l.wall_s, user_s: l.user_s, sys_s: l.sys_s, maxrss_kb: l.maxrss_kb,
            kernel_s, startup_s: kernel_s !== null && l.wall_s !== null ? l.wall_s - kernel_s : null,
            aot_compile_s: p.aot_compile_s, jit_compile_s: p.jit_compile_s, exit_code: l.exit_code, signal: l.signal, status, reason, output_ok,
            counter_source, counter_note, ...counters,
            runtime_version: p.det.version ?? '', compiler_version: p.artifact.compiler_version, cflags: p.artifact.cflags,
            argv: JSON.stringify(cmd.argv), artifact_sha256: p.artifact.sha256, artifact_bytes: p.artifact.bytes,
          });
        };

        // 5. Warm-ups: a target failing its warm-up is reported once and not repeated.
        let active: Prepared[] = [];
        for (const p of ready) {
          let failed: RunRecord | null = null;
          for (let w = 0; w < req.policy.warmup && !failed; w++) {
            const r = await measure(p, true);
            if (aborted() || !r) return;
            if (r.status !== 'ok' && r.status !== 'wrong-output') failed = r;
          }
          if (failed) { yield failed; progress.done += perTarget; } else active.push(p);
        }

        // 6. Measured reps, interleaved across targets.
        while (active.length) {
          for (const p of active) {
            const r = await measure(p, false);
            if (aborted() || !r) return;
            progress.done++;
            p.rep++;
            if (r.wall_s !== null) p.times.push(r.wall_s);
            yield r;
            // A failing run would fail again: one row says it, no more reps of this target.
            if (r.status !== 'ok' && r.status !== 'wrong-output') p.stopped = true;
          }
          active = active.filter((p) => !p.stopped && needsMoreRuns(req.policy, p.times));
        }
      }
    }
  } finally {
    session.close();
    rmSync(sweepDir, { recursive: true, force: true });
  }
}
