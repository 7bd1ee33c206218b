/**
 * Runs one command through the native launcher (native/launcher.c, built by setup as
 * `wl-launch`) and returns what it measured. Node only starts the launcher and reads its JSON
 * line; all timing happens inside the launcher, so Node's spawn cost is not in the numbers.
 */
import { constants } from 'node:os';
import { execa } from 'execa';
import { locateTool } from '../runtimes/locate.js';
import type { CounterName } from '../record.js';

export interface LaunchRequest {
  argv: string[];
  cwd: string;
  stdin?: string; // file fed to stdin (default /dev/null)
  stdout: string; // file that receives stdout
  stderr: string; // file that receives stderr
  env?: Record<string, string>;
  timeoutS?: number;
  perf?: boolean; // open hardware counters for the child
  signal?: AbortSignal; // abort kills the child's whole process group
}

export interface LaunchResult {
  wall_s: number | null;
  user_s: number | null;
  sys_s: number | null;
  maxrss_kb: number | null;
  exit_code: number | null;
  signal: string | null; // e.g. "SIGSEGV"
  timed_out: boolean;
  cancelled: boolean;
  /** The program could not be started (missing, not executable…). */
  start_error: string | null;
  counters: Partial<Record<CounterName, number>> | null;
  counter_error: string | null;
}

const signalNames = new Map<number, string>(
  Object.entries(constants.signals).map(([name, num]) => [num as number, name]),
);

export class LauncherMissingError extends Error {}

export function launcherPath(): string {
  const p = locateTool('wl-launch', 'WASMLAB_LAUNCHER');
  if (!p) {
    throw new LauncherMissingError(
      'wl-launch (the measuring launcher) is not built: run `bash setup/setup.sh` (or `bash setup/steps/launcher.sh`)',
    );
  }
  return p;
}

export async function launch(req: LaunchRequest): Promise<LaunchResult> {
  const args = ['--cwd', req.cwd, '--stdout', req.stdout, '--stderr', req.stderr];
  if (req.stdin) args.push('--stdin', req.stdin);
  if (req.timeoutS) args.push('--timeout', String(req.timeoutS));
  if (req.perf) args.push('--perf');
  args.push('--', ...req.argv);
  const r = await execa(launcherPath(), args, {
    reject: false,
    env: req.env,
    cancelSignal: req.signal,
    forceKillAfterDelay: 2000,
    stdin: 'ignore',
  });
  const cancelled = Boolean(req.signal?.aborted);
  const line = r.stdout.trim().split('\n').pop() ?? '';
  let j: Record<string, unknown>;
  try {
    j = JSON.parse(line) as Record<string, unknown>;
  } catch {
    // Killed by a signal before it could report (e.g. an interrupt sent to our whole process
    // group): the run was stopped from outside, which is a cancellation, not a harness error.
    if (cancelled || r.signal || r.exitCode === 130) return emptyResult({ cancelled: true });
    throw new Error(`wl-launch gave no result (exit ${r.exitCode}): ${r.stderr || r.stdout}`);
  }
  if (typeof j.error === 'string') {
    return emptyResult({ start_error: `${j.error} ${String(j.program ?? '')}: ${String(j.errno ?? '')}`.trim() });
  }
  const num = (k: string) => (typeof j[k] === 'number' ? (j[k] as number) : null);
  const sig = num('signal');
  return {
    wall_s: (num('wall_ns') ?? 0) / 1e9,
    user_s: (num('user_us') ?? 0) / 1e6,
    sys_s: (num('sys_us') ?? 0) / 1e6,
    maxrss_kb: num('maxrss_kb'),
    exit_code: num('exit_code'),
    signal: sig === null ? null : (signalNames.get(sig) ?? `signal ${sig}`),
    timed_out: j.timed_out === true,
    cancelled: cancelled || j.stopped === true,
    start_error: null,
    counters: (j.counters as LaunchResult['counters']) ?? null,
    counter_error: typeof j.counter_error === 'string' ? j.counter_error : null,
  };
}

function emptyResult(over: Partial<LaunchResult>): LaunchResult {
  return {
    wall_s: null, user_s: null, sys_s: null, maxrss_kb: null, exit_code: null, signal: null,
    timed_out: false, cancelled: false, start_error: null, counters: null, counter_error: null,
    ...over,
  };
}
