/**
 * Sweep step 5: one run of a prepared target (measured, or a warm-up), turned into a row: the
 * outcome, the output check against native's, the counters of the chosen source.
 */
import { existsSync, statSync } from 'node:fs';
import { relative } from 'node:path';
import type { RunRecord } from '../record.js';
import type { Benchmark } from '../suite/manifest.js';
import { counterMechanism } from '../measure/counters/mechanism.js';
import type { Outcome } from '../measure/execute.js';
import { softwareColumns } from '../measure/counters/software.js';
import { NULL_TRACE, traceRun } from '../measure/counters/trace.js';
import type { RunDir } from '../measure/rundir.js';
import { runKey } from '../store/keys.js';
import type { SweepContext } from './context.js';
import type { Prepared } from './prepare.js';
import type { Reference } from './reference.js';

export async function measureOnce(
  ctx: SweepContext, b: Benchmark, opt: string, runDir: RunDir, p: Prepared, ref: Reference, warm: boolean,
): Promise<RunRecord | null> {
  // A warm-up counts nothing: its launch opens no counters and it gets no second run.
  const mechanism = counterMechanism(warm ? 'none' : ctx.req.counters);
  ctx.tick(`${b.id} -${opt} ${p.label} ${warm ? 'warm-up' : `rep ${p.rep + 1}`}`);
  const spec = ctx.runSpec(b, runDir, p.cmd, 'run', mechanism.inLaunch);
  const o: Outcome = await ctx.exec.run(spec, warm ? 'warm-up' : 'measured');
  if (o.status === 'cancelled') return null;
  const l = o.launch;
  let status = o.status;
  let reason = o.reason;
  let output_ok: boolean | null = null;
  const whose = !b.prebuilt ? "native's" : b.prebuilt.expect ? 'the --expect file' : "the first runtime's";
  const reference = ref.output_hash;
  if (status === 'ok' && b.check === 'none') {
    // Output not compared (WABench's CheckResult=false); a compared exit status still is.
    const off = `output not checked ${b.check_note ?? '(check: none)'}`;
    if (reference && o.output_hash !== reference) { status = 'wrong-output'; reason = `exit status differs from ${whose}; ${off}`; output_ok = false; }
    else if (b.advisory_check && ref.advisory_hash && o.advisory_hash) {
      // Advisory: output_ok says whether it matched; the status stays ok either way.
      output_ok = o.advisory_hash === ref.advisory_hash;
      reason = `${off}; compared anyway (${b.advisory_check}): ${output_ok ? `same as ${whose}` : `differs from ${whose} (advisory)`}`;
    } else if (b.advisory_check) reason = `${off}; no reference output to compare with anyway`;
    else reason = off;
  } else if (status === 'ok' && reference) {
    output_ok = o.output_hash === reference;
    if (!output_ok) { status = 'wrong-output'; reason = `output differs from ${whose} (${b.check})${lostWritesNote(runDir, p)}`; }
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
  const counted = await mechanism.count({
    measured: o, reference, checked: b.check !== 'none', scratch: ctx.dir,
    rerun: (wrap, { timeoutFactor }) => ctx.exec.run({
      ...ctx.runSpec(b, runDir, { argv: wrap(p.cmd.argv), env: p.cmd.env }, mechanism.source),
      // No memory limit for a simulator: it needs several times the program's memory.
      timeoutS: spec.timeoutS * timeoutFactor, memLimitBytes: undefined,
    }, 'counters'),
  });
  if (!counted) return null;
  const traced = warm || !ctx.req.trace ? NULL_TRACE : await traceRun({
    trace: ctx.req.trace, runtime: p.target.runtime, measured: o, argv: p.cmd.argv, scratch: ctx.dir,
    rerun: (wrap, { timeoutFactor, env }) => ctx.exec.run({
      ...ctx.runSpec(b, runDir, { argv: wrap(p.cmd.argv), env: { ...p.cmd.env, ...env } }, 'trace'),
      timeoutS: spec.timeoutS * timeoutFactor, memLimitBytes: undefined,
    }, 'trace'),
  });
  if (!traced) return null;
  const counter_source = mechanism.source;
  const software = softwareColumns(l);
  const counter_note = [counted.counter_note, software.note].filter(Boolean).join('; ');
  const kernel_s = status === 'ok' || status === 'wrong-output' ? o.kernel_s : null;
  // A time the launcher could not report is null, and the row says so.
  if (l.note) reason = reason ? `${reason}; ${l.note}` : l.note;
  return ctx.row(b, opt, p.target, {
    rep: p.rep, timestamp: new Date(Date.now() - (l.wall_s ?? 0) * 1000).toISOString(),
    wall_s: l.wall_s, user_s: l.user_s, sys_s: l.sys_s, maxrss_kb: l.maxrss_kb,
    kernel_s, startup_s: kernel_s !== null && l.wall_s !== null ? l.wall_s - kernel_s : null,
    aot_compile_s: p.aot_compile_s, compile_only_s: p.compile_only_s, exit_code: l.exit_code, signal: l.signal, status, reason, output_ok,
    counter_source, counter_note, ...counted.counters, counter_scope: counter_source === 'none' ? null : 'process', ...software.columns, ...traced,
    runtime_version: p.det.version ?? '', compiler_version: p.artifact.compiler_version, cflags: p.artifact.cflags,
    argv: JSON.stringify(p.cmd.argv), artifact_sha256: p.artifact.sha256, artifact_bytes: p.artifact.bytes, artifact_v128: p.artifact.v128,
    run_key: warm ? '' : runKey(p.series, p.rep),
  });
}

/** A runtime's diagnosed limit, when declared output files stayed as cleared (empty): the likely cause. */
function lostWritesNote(runDir: RunDir, p: Prepared): string {
  const empty = runDir.outputs.filter((f) => existsSync(f) && statSync(f).size === 0);
  return empty.length && p.adapter.lostWrites ? `; ${empty.map((f) => relative(runDir.dir, f)).join(', ')} stayed empty: ${p.adapter.lostWrites}` : '';
}
