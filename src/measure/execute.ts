/**
 * One run of one command: launch it (through wl-launch), read back its stdout/stderr, find the
 * program's own kernel time, hash its output, and classify the outcome. Knows nothing of
 * sweeps; the sweep turns an Outcome into a RunRecord.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { Command } from '../runtimes/adapter.js';
import type { RunStatus } from '../record.js';
import { launch, type LaunchResult, type LaunchSession } from './launch.js';
import { clearOutputs, createdFiles, type RunDir } from './rundir.js';
import { checks, type CheckSpec } from '../suite/manifest.js';

export interface RunSpec {
  cmd: Command;
  runDir: RunDir;
  check: CheckSpec;
  /** A second, advisory hash over what this names (the manifest's advisory_check); none when absent. */
  advisory?: CheckSpec;
  /** Where this run's stdout/stderr go (outside the run folder, so the guest never sees them). */
  ioPrefix: string;
  timeoutS: number;
  perf: boolean;
  /** The run's memory limit (RLIMIT_DATA, see launcher.c); a failure under it is out-of-memory. */
  memLimitBytes?: number;
  pinCpus?: string;
  signal?: AbortSignal;
  /** The sweep's resident launcher; without one, a launcher is started for this run. */
  session?: LaunchSession;
}

export interface Outcome {
  launch: LaunchResult;
  status: RunStatus;
  reason: string;
  kernel_s: number | null;
  /** sha256 over what `check` names; null when the run did not finish. */
  output_hash: string | null;
  /** sha256 over what `advisory` names (not the exit status); null without one or when the run did not finish. */
  advisory_hash: string | null;
  /** Files the run created in its folder besides declared outputs (see rundir.ts). */
  created: string[];
  stderr: string;
}

const KERNEL_LINE = /^@wasmlab kernel_ns=(\d+)\s*$/gm;

/** The program's own kernel time: the sum of its "@wasmlab kernel_ns=" lines (one per region). */
export function kernelSeconds(stderr: string): number | null {
  let total = 0;
  let seen = false;
  for (const m of stderr.matchAll(KERNEL_LINE)) { total += Number(m[1]); seen = true; }
  return seen ? total / 1e9 : null;
}

/** The last meaningful lines of stderr, for a failure reason. */
export function stderrTail(stderr: string, max = 300): string {
  const lines = stderr.split('\n').filter((l) => l.trim() && !l.startsWith('@wasmlab ')).slice(-3).join(' | ');
  return lines.length > max ? `…${lines.slice(-max)}` : lines;
}

/**
 * How runtimes report a trap on stderr (the program then exits non-zero, not by a signal):
 * Wasmtime "wasm trap: …", wasm3 "[trap] …", Node/V8 and Wasmer "RuntimeError: …", WAMR
 * "Exception: …", wazero "wasm error: …", WAVM "Runtime exception: …" (then SIGABRT), wasmi
 * "failed during execution of _start: wasm `unreachable` instruction executed".
 */
const TRAP_LINE = /wasm trap:|\[trap\]|RuntimeError:|^\s*Exception: |wasm error:|Runtime exception|\bTrap\(|\btrap: |failed during execution of /i;

/** What a program or runtime says when an allocation fails. */
const OOM_LINE = /out of memory|cannot allocate|memory allocation|bad_alloc|ENOMEM|failed to grow|allocation failed|Cannot enlarge memory|heap out of memory/i;

/** The first line of stderr saying an allocation failed, or null. */
function oomLine(stderr: string): string | null {
  return stderr.split('\n').find((l) => OOM_LINE.test(l))?.trim() ?? null;
}

/** The first line of stderr that reports a trap, or null. */
export function trapLine(stderr: string): string | null {
  return stderr.split('\n').find((l) => TRAP_LINE.test(l))?.trim() ?? null;
}

/**
 * Did a failed run fail for lack of memory under its limit? Its stderr says an allocation failed,
 * or it got within 10% of the limit (a runtime whose memory.grow failed may say nothing).
 */
export function outOfMemory(stderr: string, maxrssKb: number | null, limitBytes: number): boolean {
  return OOM_LINE.test(stderr) || (maxrssKb !== null && maxrssKb * 1024 >= 0.9 * limitBytes);
}

/** The hash a run's output would have if its stdout were `stdout` (for a given expected output, `run --expect`). */
export function stdoutHash(stdout: Buffer): string {
  return createHash('sha256').update('stdout\0').update(stdout).digest('hex');
}

/** The hash of what `check` names; the exit status first when it is compared (`exitCode` given). */
function outputHash(spec: RunSpec, check: CheckSpec, stdoutFile: string, stderr: string, exitCode?: number | null): string {
  const h = createHash('sha256');
  if (exitCode !== undefined) h.update(`exit ${exitCode}\0`);
  if (checks(check, 'stdout')) h.update('stdout\0').update(readFileSync(stdoutFile));
  // stderr without wasmlab's own kernel-time lines (PolyBench dumps its arrays there).
  if (checks(check, 'stderr')) h.update('stderr\0').update(stderr.replace(KERNEL_LINE, ''));
  if (checks(check, 'files')) {
    for (const o of spec.runDir.outputs) {
      h.update(`${o}\0`);
      h.update(existsSync(o) ? readFileSync(o) : Buffer.from('\0missing\0'));
    }
  }
  return h.digest('hex');
}

export async function executeRun(spec: RunSpec): Promise<Outcome> {
  clearOutputs(spec.runDir);
  const stdout = `${spec.ioPrefix}.stdout`;
  const stderrFile = `${spec.ioPrefix}.stderr`;
  const argv = spec.pinCpus ? ['taskset', '-c', spec.pinCpus, ...spec.cmd.argv] : spec.cmd.argv;
  const req = {
    argv, cwd: spec.runDir.dir, stdin: spec.runDir.stdin, stdout, stderr: stderrFile,
    env: spec.cmd.env, timeoutS: spec.timeoutS, perf: spec.perf, signal: spec.signal, memLimitBytes: spec.memLimitBytes,
  };
  const r = await (spec.session ? spec.session.launch(req) : launch(req));
  const stderr = existsSync(stderrFile) ? readFileSync(stderrFile, 'utf8') : '';
  const base = { launch: r, kernel_s: kernelSeconds(stderr), stderr, output_hash: null, advisory_hash: null, created: createdFiles(spec.runDir) };
  if (r.start_error) return { ...base, status: 'launch-failed', reason: r.start_error };
  if (r.cancelled) return { ...base, status: 'cancelled', reason: 'sweep interrupted' };
  const tail = stderrTail(stderr);
  if (r.timed_out) return { ...base, status: 'timeout', reason: `killed with its process group after ${spec.timeoutS} s${tail ? `: ${tail}` : ''}` };
  const failed = r.signal !== null || (r.exit_code !== 0 && spec.runDir.exitStatus !== 'compared');
  if (failed && spec.memLimitBytes && outOfMemory(stderr, r.maxrss_kb, spec.memLimitBytes)) {
    const why = oomLine(stderr) ?? tail;
    return { ...base, status: 'out-of-memory', reason: `over --mem-limit ${spec.memLimitBytes} bytes (${r.signal ?? `exit ${r.exit_code}`})${why ? `: ${why}` : ''}` };
  }
  // A runtime that aborts on a trap (WAVM: SIGABRT) says so first: that line is the reason.
  const trapBySignal = r.signal ? trapLine(stderr) : null;
  if (r.signal) return { ...base, status: 'crashed', reason: `${r.signal}${trapBySignal ? ` (trap): ${trapBySignal}` : tail ? `: ${tail}` : ''}` };
  const trap = r.exit_code !== 0 ? trapLine(stderr) : null;
  if (trap && spec.runDir.exitStatus !== 'compared') return { ...base, status: 'crashed', reason: `trap (exit ${r.exit_code}): ${trap}` };
  if (r.exit_code !== 0 && spec.runDir.exitStatus !== 'compared') return { ...base, status: 'nonzero-exit', reason: `exit ${r.exit_code}: ${stderrTail(stderr) || '(no stderr)'}` };
  const exit = spec.runDir.exitStatus === 'compared' ? r.exit_code : undefined;
  // The advisory hash leaves the exit status out: the output hash compares it whenever it is compared.
  const advisory_hash = spec.advisory && spec.advisory !== 'none' ? outputHash(spec, spec.advisory, stdout, stderr) : null;
  return { ...base, status: 'ok', reason: '', output_hash: outputHash(spec, spec.check, stdout, stderr, exit), advisory_hash };
}

