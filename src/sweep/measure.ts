/**
 * Sweep step 5: one run of a prepared target (measured, or a warm-up), turned into a row: the
 * outcome, the output check against native's, the counters of the chosen source.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { CounterSource, RunRecord } from '../record.js';
import type { Command } from '../runtimes/adapter.js';
import type { Benchmark } from '../suite/manifest.js';
import { countersToColumns } from '../measure/counters/derive.js';
import { parseCachegrind, valgrindPath, VALGRIND_NOTE, VALGRIND_TIMEOUT_FACTOR, wrapWithCachegrind } from '../measure/counters/valgrind.js';
import { executeRun, type Outcome, type RunSpec } from '../measure/execute.js';
import type { RunDir } from '../measure/rundir.js';
import { runKey } from '../store/keys.js';
import type { SweepContext } from './context.js';
import type { Prepared } from './prepare.js';

export function runSpec(ctx: SweepContext, b: Benchmark, runDir: RunDir, cmd: Command, io: string, perf = false): RunSpec {
  return {
    cmd, runDir, check: b.check, ioPrefix: join(ctx.dir, io), timeoutS: ctx.req.timeoutS ?? b.timeout_s ?? 600, perf,
    pinCpus: ctx.req.pinCpus, signal: ctx.req.signal, session: ctx.session, memLimitBytes: ctx.req.memLimitBytes,
  };
}

const NULL_COUNTERS = countersToColumns({});

let valgrindRuns = 0;

/**
 * Counters of one run from valgrind's simulation (a second, slow run under cachegrind, with its
 * own log file and a scaled time limit). Counts are kept only when that run finished like a
 * normal run with the same output: a program that crashes, times out or prints something else
 * under valgrind gets null counters and the reason, never the counts of a failed start-up.
 */
async function valgrindCounters(ctx: SweepContext, b: Benchmark, runDir: RunDir, cmd: Command, reference: string | null) {
  const valgrind = valgrindPath();
  if (!valgrind) return { counters: NULL_COUNTERS, counter_note: 'valgrind not found (install it: bash setup/setup.sh)' };
  const log = join(ctx.dir, `cachegrind-${++valgrindRuns}.log`);
  rmSync(log, { force: true });
  const spec = runSpec(ctx, b, runDir, { argv: wrapWithCachegrind(valgrind, cmd.argv, log), env: cmd.env }, 'valgrind');
  // No memory limit under valgrind: the simulator itself needs several times the program's memory.
  const vo = await executeRun({ ...spec, timeoutS: spec.timeoutS * VALGRIND_TIMEOUT_FACTOR, memLimitBytes: undefined });
  if (vo.status === 'cancelled') return null;
  const failed = (why: string) => ({ counters: NULL_COUNTERS, counter_note: `valgrind run failed (${why}): no counts` });
  if (vo.status !== 'ok') return failed(`${vo.status}${vo.reason ? `: ${vo.reason}` : ''}`);
  if (reference && b.check !== 'none' && vo.output_hash !== reference) return failed('its output under valgrind differs from the reference');
  try {
    return { counters: countersToColumns(parseCachegrind(existsSync(log) ? readFileSync(log, 'utf8') : '')), counter_note: VALGRIND_NOTE };
  } catch (e) {
    return failed((e as Error).message);
  } finally {
    rmSync(log, { force: true });
  }
}

export const PERF_NOTE = 'perf_event_open (whole process: start-up, compilation, the kernel, teardown)';

export async function measureOnce(
  ctx: SweepContext, b: Benchmark, opt: string, runDir: RunDir, p: Prepared, reference: string | null, warm: boolean,
): Promise<RunRecord | null> {
  const counters = ctx.req.counters;
  ctx.tick(`${b.id} -${opt} ${p.label} ${warm ? 'warm-up' : `rep ${p.rep + 1}`}`);
  const o: Outcome = await executeRun(runSpec(ctx, b, runDir, p.cmd, 'run', counters === 'perf'));
  if (o.status === 'cancelled') return null;
  const l = o.launch;
  let status = o.status;
  let reason = o.reason;
  let output_ok: boolean | null = null;
  const whose = !b.prebuilt ? "native's" : b.prebuilt.expect ? 'the --expect file' : "the first runtime's";
  if (status === 'ok' && b.check === 'none') {
    // Output not compared (WABench's CheckResult=false); a compared exit status still is.
    if (reference && o.output_hash !== reference) { status = 'wrong-output'; reason = `exit status differs from ${whose}; output not checked (check: none)`; output_ok = false; }
    else reason = 'output not checked (check: none)';
  } else if (status === 'ok' && reference) {
    output_ok = o.output_hash === reference;
    if (!output_ok) { status = 'wrong-output'; reason = `output differs from ${whose} (${b.check})`; }
  } else if (status === 'ok') {
    reason = 'no native reference output to compare with';
  }
  // The same work: files native created on disk that this run did not (Wasmer 4.4 keeps files a
  // guest creates under a bare name in memory) mean its timed region did different I/O.
  const lost = (status === 'ok' || status === 'wrong-output') && p.target.runtime !== 'native'
    ? (runDir.referenceCreated ?? []).filter((f) => !o.created.includes(f)) : [];
  if (lost.length) {
    const note = `${lost.length} file(s) native created never reached the disk here (${lost.slice(0, 3).join(', ')}${lost.length > 3 ? ', …' : ''}): this runtime did different I/O`;
    reason = reason ? `${reason}; ${note}` : note;
  }
  let counter_source: CounterSource = 'none';
  let counted = { counters: NULL_COUNTERS, counter_note: '' };
  if (!warm && counters === 'perf') {
    counter_source = 'perf';
    counted.counters = countersToColumns(l.counters ?? {});
    counted.counter_note = l.counters ? `${PERF_NOTE}${l.counter_error ? `; ${l.counter_error}` : ''}` : `perf counters failed: ${l.counter_error ?? 'no counts'}`;
  } else if (!warm && counters === 'valgrind') {
    counter_source = 'valgrind';
    const v = await valgrindCounters(ctx, b, runDir, p.cmd, reference);
    if (!v) return null;
    counted = v;
  }
  const kernel_s = status === 'ok' || status === 'wrong-output' ? o.kernel_s : null;
  // A time the launcher could not report is null, and the row says so.
  if (l.note) reason = reason ? `${reason}; ${l.note}` : l.note;
  return ctx.row(b, opt, p.target, {
    rep: p.rep, timestamp: new Date(Date.now() - (l.wall_s ?? 0) * 1000).toISOString(),
    wall_s: l.wall_s, user_s: l.user_s, sys_s: l.sys_s, maxrss_kb: l.maxrss_kb,
    kernel_s, startup_s: kernel_s !== null && l.wall_s !== null ? l.wall_s - kernel_s : null,
    aot_compile_s: p.aot_compile_s, compile_only_s: p.compile_only_s, exit_code: l.exit_code, signal: l.signal, status, reason, output_ok,
    counter_source, counter_note: counted.counter_note, ...counted.counters, counter_scope: counter_source === 'none' ? null : 'process',
    runtime_version: p.det.version ?? '', compiler_version: p.artifact.compiler_version, cflags: p.artifact.cflags,
    argv: JSON.stringify(p.cmd.argv), artifact_sha256: p.artifact.sha256, artifact_bytes: p.artifact.bytes,
    run_key: warm ? '' : runKey(p.series, p.rep),
  });
}
