/**
 * Sweep step 2: make one target ready to run a benchmark — is the runtime here, which artifact
 * does it run (compiling AOT when asked), what exact command — or say why it cannot, as a row.
 * The command fixes the target's series key, which is how the store recognizes its runs.
 */
import { cacheDir, repoRoot } from '../paths.js';
import { targetLabel, type RunRecord } from '../record.js';
import type { Command, Detection, RuntimeAdapter, Target } from '../runtimes/adapter.js';
import type { Benchmark } from '../suite/manifest.js';
import type { ArtifactInfo } from '../toolchain/build.js';
import { BuildError } from '../toolchain/build.js';
import type { RunDir } from '../measure/rundir.js';
import { relativeArgv, seriesKey } from '../store/keys.js';
import type { Artifacts } from './build.js';
import type { SweepContext } from './context.js';
import { featuresLabel, needsSimd } from '../toolchain/features.js';
import { probeSimd } from '../measure/simd-probe.js';

export interface Prepared {
  target: Target;
  label: string;
  adapter: RuntimeAdapter;
  det: Detection;
  artifact: ArtifactInfo;
  aot_compile_s: number | null;
  compile_only_s: number | null;
  cmd: Command;
  series: string;
  /** Timed runs so far (measured or reused): the policy reads their primary metric (metric.ts). */
  runs: { kernel_s: number | null; wall_s: number | null }[];
  /** Next rep index. */
  rep: number;
  /** The rep indices to run, when only some are (a shard of a plan); else 0, 1, … as the policy wants. */
  wanted?: number[];
  stopped: boolean;
}

export async function prepareTarget(
  ctx: SweepContext, b: Benchmark, opt: string, t: Target, artifacts: Artifacts, runDir: RunDir,
): Promise<Prepared | RunRecord | null> {
  const adapter = ctx.exec.adapter(t.runtime);
  const det = await ctx.exec.detect(adapter, t.mode);
  const version = det.version ?? '';
  if (!det.available) {
    return ctx.row(b, opt, t, { status: 'unavailable', reason: `${det.reason ?? 'not available'}${det.fix ? ` — fix: ${det.fix}` : ''}` });
  }
  const art = artifacts[adapter.kind];
  if (!art || art instanceof BuildError) {
    return ctx.row(b, opt, t, { status: 'build-failed', reason: art?.message ?? 'not built', runtime_version: version });
  }
  if (adapter.kind === 'wasm' && needsSimd(ctx.req.features ?? [])) {
    const unsupported = await simdUnsupported(ctx, t, adapter, version, det);
    if (unsupported === null) return null;
    if (unsupported) return ctx.row(b, opt, t, { status: 'unsupported', reason: unsupported, runtime_version: version, artifact_v128: art.v128 });
  }
  const label = targetLabel(t);
  let program = art.path;
  let aot_compile_s: number | null = null;
  if (t.aot) {
    try {
      const a = await ctx.exec.aotCompile(adapter, t.mode, version, art.path, art.sha256, ctx.req.signal);
      program = a.path;
      aot_compile_s = a.compile_s;
      ctx.emit({ kind: 'aot', benchmark: b.id, opt, target: label, cached: a.cached, seconds: a.compile_s, compileOnly: false });
    } catch (e) {
      if (ctx.aborted) return null;
      return ctx.row(b, opt, t, { status: 'aot-failed', reason: (e as Error).message, runtime_version: version });
    }
  }
  // A JIT mode with an AOT compiler: the wall time of that compiler run alone on the module, as
  // a separate process (cached like AOT artifacts). It is what the column's name says — a
  // compile-only process — and not the JIT's cost inside a run: that is startup_s(JIT) −
  // startup_s(AOT) of the same rep, derived in analysis.
  let compile_only_s: number | null = null;
  if (!t.aot && adapter.modes.find((m) => m.mode === t.mode)?.aot === 'optional') {
    try {
      const a = await ctx.exec.aotCompile(adapter, t.mode, version, art.path, art.sha256, ctx.req.signal);
      compile_only_s = a.compile_s;
      ctx.emit({ kind: 'aot', benchmark: b.id, opt, target: label, cached: a.cached, seconds: a.compile_s, compileOnly: true });
    } catch (e) {
      if (ctx.aborted) return null;
      ctx.emit({ kind: 'warning', message: `compile-only measurement of ${b.id} for ${label} failed: ${(e as Error).message}` });
    }
  }
  const cmd = adapter.runCommand(t.mode, t.aot, { program, args: b.sizes[ctx.req.size]!, dir: runDir.dir, preopen: b.preopen !== false });
  const series = seriesKey({
    benchmark: b.id, size: ctx.req.size, opt, runtime: t.runtime, mode: t.mode, aot: t.aot, runtime_version: version,
    artifact_sha256: art.sha256, argv: relativeArgv(cmd.argv, { run: runDir.dir, sweep: ctx.dir, cache: cacheDir, repo: repoRoot }),
    // A traced sweep's rows carry more columns: its key differs, untraced keys stay as stored.
    counters: ctx.req.trace ? `${ctx.req.counters}+trace:${ctx.req.trace}` : ctx.req.counters, host_id: ctx.hostId, features: featuresLabel(ctx.req.features ?? []),
  });
  return { target: t, label, adapter, det, artifact: art, aot_compile_s, compile_only_s, cmd, series, runs: [], rep: 0, stopped: false };
}

/**
 * A SIMD build on a mode that failed the SIMD probe: the probe's message (the row's reason), so
 * no run is wasted on it; "" when the mode runs SIMD (or the probe could not decide: the runs
 * then say what happens); null when the sweep was aborted meanwhile.
 */
async function simdUnsupported(ctx: SweepContext, t: Target, adapter: RuntimeAdapter, version: string, det: Detection): Promise<string | null> {
  try {
    const s = await probeSimd(adapter, t.mode, t.aot, version, ctx.req.signal, det.path);
    if (ctx.aborted) return null;
    if (s.supported === null) ctx.emit({ kind: 'warning', message: `${targetLabel(t)}: ${s.message}; running the SIMD build anyway` });
    return s.supported === false ? s.message : '';
  } catch (e) {
    if (ctx.aborted) return null;
    ctx.emit({ kind: 'warning', message: `${targetLabel(t)}: the SIMD probe could not be built or run (${(e as Error).message}); running the SIMD build anyway` });
    return '';
  }
}
