/**
 * Tracing (`--trace syscalls`): system calls and WASI host calls of a run. Like valgrind's
 * counter runs, a traced run is a second run of the same command, wrapped in `strace -c -f`, whose
 * counts fill the row of the timed run; its time never feeds a timing column, and the timed run's
 * argv stays untraced. strace rather than `perf trace -s`: it needs no tracefs mount and works
 * for any user, and its summary is one stable table.
 *
 * syscall_s is the wall time spent inside system calls (`strace -w`: entry to exit), without the
 * calls that wait (futex, epoll_wait, poll, nanosleep…, WAIT_CALLS): a runtime's helper thread
 * parked in futex for the whole run would otherwise dominate. strace's default, system CPU time,
 * is tick-scaled and reads 0 for short runs. top_syscalls lists every call, waits included.
 *
 * WASI calls come from the runtime itself where it can say (wasiCounting): Wasmtime logs every
 * call under WASMTIME_LOG=wasmtime_wasi=trace; our Node runner counts them when
 * WASMLAB_WASI_COUNTS names a file. Elsewhere wasi_calls is null and trace_note says why.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { locateTool } from '../../locate.js';
import type { RunRecord, TraceChoice } from '../../record.js';
import type { Outcome } from '../execute.js';

export type TraceColumns = Pick<RunRecord, 'trace_source' | 'trace_note' | 'syscalls' | 'syscall_s' | 'top_syscalls' | 'wasi_calls' | 'top_wasi_calls'>;

export const NULL_TRACE: TraceColumns = {
  trace_source: '', trace_note: '', syscalls: null, syscall_s: null, top_syscalls: '', wasi_calls: null, top_wasi_calls: '',
};

/** strace slows a syscall-heavy program several times over: its run gets this × the time limit. */
export const TRACE_TIMEOUT_FACTOR = 20;

/** Calls that block waiting for something else (another thread, a timer, a child): not work done in the kernel. */
export const WAIT_CALLS: ReadonlySet<string> = new Set([
  'futex', 'futex_waitv', 'epoll_wait', 'epoll_pwait', 'epoll_pwait2', 'poll', 'ppoll', 'select', 'pselect6', 'wait4', 'waitid',
  'nanosleep', 'clock_nanosleep', 'rt_sigtimedwait', 'rt_sigsuspend', 'pause', 'sched_yield',
]);

/** How many calls the top lists keep. */
const TOP = 8;

export interface TraceInput {
  trace: TraceChoice;
  runtime: string;
  /** The measured (timed) run: its wall time is what the traced run's overhead is set against. */
  measured: Outcome;
  argv: readonly string[];
  /** Run the command again with its argv wrapped and env added, a time limit `timeoutFactor` × the run's. */
  rerun(wrap: (argv: string[]) => string[], o: { timeoutFactor: number; env: Record<string, string> }): Promise<Outcome>;
  scratch: string;
}

export interface SyscallSummary {
  calls: number;
  /** Seconds inside calls that are not waits (WAIT_CALLS). */
  seconds: number;
  /** [name, calls, seconds], most time first. */
  top: [string, number, number][];
}

const ROW = /^\s*([\d.]+)\s+([\d.]+)\s+(\d+)\s+(\d+)\s+(?:(\d+)\s+)?(\S+)\s*$/;

/** Parse `strace -c` output (the summary table); throws when there is none. */
export function parseStraceSummary(text: string): SyscallSummary {
  const rows: [string, number, number][] = [];
  let total: [number, number] | null = null;
  for (const line of text.split('\n')) {
    const m = ROW.exec(line);
    if (!m) continue;
    const [secs, calls, name] = [Number(m[2]), Number(m[4]), m[6]!];
    if (name === 'total') total = [calls, secs];
    else rows.push([name, calls, secs]);
  }
  if (!total) throw new Error(`strace wrote no summary${text.trim() ? `: ${text.trim().split('\n').slice(-2).join(' | ')}` : ''}`);
  rows.sort((a, b) => b[2] - a[2] || b[1] - a[1]);
  const seconds = rows.filter(([n]) => !WAIT_CALLS.has(n)).reduce((sum, [, , t]) => sum + t, 0);
  return { calls: total[0], seconds: Number(seconds.toFixed(6)), top: rows.slice(0, TOP) };
}

const WASMTIME_CALL = /function="([^"]+)"\}: [^\n]*?: (result=)?/g;

/** Wasmtime's WASI trace log → calls per function (a call logs its arguments, then its result; proc_exit never returns). */
export function parseWasmtimeWasiLog(log: string): Record<string, number> {
  const results = new Map<string, number>();
  const lines = new Map<string, number>();
  for (const m of log.matchAll(WASMTIME_CALL)) {
    lines.set(m[1]!, (lines.get(m[1]!) ?? 0) + 1);
    if (m[2]) results.set(m[1]!, (results.get(m[1]!) ?? 0) + 1);
  }
  return Object.fromEntries([...lines].map(([f, n]) => [f, results.get(f) ?? n]));
}

interface WasiCounting {
  env: Record<string, string>;
  read(o: Outcome): Record<string, number>;
}

/** How this run's WASI calls can be counted, or why they cannot. */
function wasiCounting(runtime: string, argv: readonly string[], scratch: string): WasiCounting | string {
  if (runtime === 'native') return 'native: no WASI layer (its system calls are the syscall columns)';
  if (runtime === 'wasmtime') {
    return {
      // Backtraces off: Wasmtime captures one per failed call (EBADF probes at start-up) otherwise.
      env: { WASMTIME_LOG: 'wasmtime_wasi=trace', RUST_BACKTRACE: '0', RUST_LIB_BACKTRACE: '0' },
      read: (o) => parseWasmtimeWasiLog(o.stderr),
    };
  }
  if (argv.some((a) => a.endsWith('node-wasi-runner.mjs'))) {
    const file = join(scratch, `wasi-counts-${process.pid}-${Date.now()}.json`);
    return {
      env: { WASMLAB_WASI_COUNTS: file },
      read: () => {
        if (!existsSync(file)) throw new Error('the runner wrote no WASI counts');
        try { return JSON.parse(readFileSync(file, 'utf8')) as Record<string, number>; } finally { rmSync(file, { force: true }); }
      },
    };
  }
  return `${runtime}: no way to count its WASI calls (only Wasmtime's log and the Node runner report them)`;
}

export function stracePath(): string | undefined {
  return locateTool('strace', 'WASMLAB_STRACE');
}

let traces = 0;

/** The trace columns of one run; null when the sweep was cancelled meanwhile. */
export async function traceRun(t: TraceInput): Promise<TraceColumns | null> {
  const strace = stracePath();
  if (!strace) return { ...NULL_TRACE, trace_note: 'strace not found (apt-get install strace)' };
  const log = join(t.scratch, `strace-${process.pid}-${++traces}.txt`);
  rmSync(log, { force: true });
  const wasi = wasiCounting(t.runtime, t.argv, t.scratch);
  const o = await t.rerun((argv) => [strace, '-c', '-w', '-f', '-o', log, '--', ...argv], {
    timeoutFactor: TRACE_TIMEOUT_FACTOR, env: typeof wasi === 'string' ? {} : wasi.env,
  });
  if (o.status === 'cancelled') return null;
  const notes = ['strace -c -w -f: wall time inside syscalls, waits (futex, poll…) left out, whole process tree'];
  const out: TraceColumns = { ...NULL_TRACE, trace_source: 'strace' };
  try {
    if (o.status !== 'ok') throw new Error(`traced run failed (${o.status}${o.reason ? `: ${o.reason}` : ''})`);
    const s = parseStraceSummary(existsSync(log) ? readFileSync(log, 'utf8') : '');
    Object.assign(out, { syscalls: s.calls, syscall_s: s.seconds, top_syscalls: JSON.stringify(s.top) });
    const timed = t.measured.launch.wall_s;
    if (timed && o.launch.wall_s) notes.push(`traced run took ${(o.launch.wall_s / timed).toFixed(2)}× the timed run's wall time`);
  } catch (e) {
    notes.push(`no syscall counts: ${(e as Error).message}`);
  } finally {
    rmSync(log, { force: true });
  }
  if (typeof wasi === 'string') notes.push(`no WASI counts: ${wasi}`);
  else if (o.status === 'ok') {
    try {
      const counts = wasi.read(o);
      const top = Object.entries(counts).sort((a, b) => b[1] - a[1]);
      Object.assign(out, { wasi_calls: top.reduce((s, [, n]) => s + n, 0), top_wasi_calls: JSON.stringify(top.slice(0, TOP)) });
    } catch (e) {
      notes.push(`no WASI counts: ${(e as Error).message}`);
    }
  }
  out.trace_note = notes.join('; ');
  return out;
}
