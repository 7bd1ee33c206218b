/**
 * Runs one command through the native launcher (drivers/launcher.c, built by setup as
 * `wl-launch`) and returns what it measured. Node only starts the launcher and reads its JSON
 * line; all timing happens inside the launcher, so Node's spawn cost is not in the numbers.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { constants } from 'node:os';
import { execa } from 'execa';
import { locateTool } from '../locate.js';
import type { CounterName, SoftwareCounterName } from '../record.js';

export interface LaunchRequest {
  argv: string[];
  cwd: string;
  stdin?: string; // file fed to stdin (default /dev/null)
  stdout: string; // file that receives stdout
  stderr: string; // file that receives stderr
  env?: Record<string, string>;
  timeoutS?: number;
  perf?: boolean; // open hardware counters for the child
  software?: boolean; // count the kernel's software events for the child (default: yes; cheap, see launcher.c)
  memLimitBytes?: number; // the child's RLIMIT_DATA (see launcher.c)
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
  /** Counters read (a counter that could not be read or never ran is absent, never 0). */
  counters: Partial<Record<CounterName, number>> | null;
  /** Why counters are missing (all, or the ones absent from `counters`). */
  counter_error: string | null;
  /** The kernel's software events for the child (perf_event_open, no PMU needed); null when refused or not asked. */
  software: Partial<Record<SoftwareCounterName | 'task_clock_ns', number>> | null;
  /** Why software counts are missing (the kernel refused, e.g. perf_event_paranoid), or null. */
  software_error: string | null;
  /** Why a time is null (the launcher did not report it); null when all were reported. */
  note: string | null;
}

// The first name of each number (SIGABRT, not its alias SIGIOT, which a Map built in order keeps last).
const signalNames = new Map<number, string>();
for (const [name, num] of Object.entries(constants.signals)) if (!signalNames.has(num as number)) signalNames.set(num as number, name);

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

/**
 * Set once a launcher refused `--sw` (a wl-launch built from an older launcher.c: the cache's link
 * is shared by every clone, and the last one to run setup wins). Runs then go on without software
 * counts, and each says why, rather than every run failing to start.
 */
let oldLauncher = false;
const OLD_LAUNCHER = 'software counters: this wl-launch predates --sw (rebuild it: bash setup/steps/launcher.sh)';

/** Run `once` with --sw; if the launcher does not know the flag, again without it (and remember). */
async function withSoftwareFallback(req: LaunchRequest, once: (r: LaunchRequest) => Promise<LaunchResult>): Promise<LaunchResult> {
  const wantSw = req.software !== false;
  if (!wantSw || !oldLauncher) {
    const r = await once(req);
    if (!wantSw || !r.start_error?.startsWith('bad request') || r.start_error.includes('--sw')) return r;
    oldLauncher = true;
  }
  const r = await once({ ...req, software: false });
  return r.start_error ? r : { ...r, software_error: OLD_LAUNCHER };
}

function launcherArgs(req: LaunchRequest): string[] {
  const args = ['--cwd', req.cwd, '--stdout', req.stdout, '--stderr', req.stderr];
  if (req.stdin) args.push('--stdin', req.stdin);
  if (req.timeoutS) args.push('--timeout', String(req.timeoutS));
  if (req.perf) args.push('--perf');
  if (req.software !== false) args.push('--sw');
  if (req.memLimitBytes) args.push('--mem-limit', String(Math.floor(req.memLimitBytes)));
  for (const [k, v] of Object.entries(req.env ?? {})) args.push('--env', `${k}=${v}`);
  args.push('--', ...req.argv);
  return args;
}

/**
 * The counters of a result line: numbers kept, anything else (null: not read, or never scheduled)
 * left out and named in the error. A missing count is never a 0.
 */
function parseCounters(raw: unknown, error: string | null): Pick<LaunchResult, 'counters' | 'counter_error'> {
  const [counters, counter_error] = countsOf<CounterName>(raw, error);
  return { counters, counter_error };
}

/** A counter set of the result line: numbers kept, the rest named in the error (never a 0). */
function countsOf<K extends string>(raw: unknown, error: string | null): [Partial<Record<K, number>> | null, string | null] {
  if (!raw || typeof raw !== 'object') return [null, error];
  const counters: Partial<Record<K, number>> = {};
  const missing: string[] = [];
  for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
    if (typeof v === 'number' && Number.isFinite(v)) counters[k as K] = v;
    else missing.push(k);
  }
  const why = missing.length ? `not counted: ${missing.join(', ')}` : null;
  return [Object.keys(counters).length ? counters : null, [error, why].filter(Boolean).join('; ') || null];
}

function parseSoftware(j: Record<string, unknown>): Pick<LaunchResult, 'software' | 'software_error'> {
  if (!('software' in j)) return { software: null, software_error: null };
  const [software, software_error] = countsOf<SoftwareCounterName | 'task_clock_ns'>(j.software, typeof j.software_error === 'string' ? j.software_error : null);
  return { software, software_error };
}

/** Parse the launcher's result line; null when there is none (the launcher died). Exported for tests. */
export function parseResult(line: string, cancelled: boolean): LaunchResult | null {
  let j: Record<string, unknown>;
  try {
    j = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return null;
  }
  if (typeof j.error === 'string') {
    return emptyResult({ start_error: `${j.error} ${String(j.program ?? '')}: ${String(j.errno ?? '')}`.replace(/\s+/g, ' ').trim() });
  }
  const num = (k: string) => (typeof j[k] === 'number' ? (j[k] as number) : null);
  const sig = num('signal');
  const scaled = (k: string, unit: number) => { const v = num(k); return v === null ? null : v / unit; };
  const missing = ['wall_ns', 'user_us', 'sys_us'].filter((k) => num(k) === null);
  return {
    wall_s: scaled('wall_ns', 1e9),
    user_s: scaled('user_us', 1e6),
    sys_s: scaled('sys_us', 1e6),
    maxrss_kb: num('maxrss_kb'),
    exit_code: num('exit_code'),
    signal: sig === null ? null : (signalNames.get(sig) ?? `signal ${sig}`),
    timed_out: j.timed_out === true,
    cancelled: cancelled || j.stopped === true,
    start_error: null,
    ...parseCounters(j.counters, typeof j.counter_error === 'string' ? j.counter_error : null),
    ...parseSoftware(j),
    note: missing.length ? `the launcher reported no ${missing.join(', ')}: left empty` : null,
  };
}

/**
 * With WASMLAB_LAUNCH_LOG=FILE, every benchmark process wasmlab starts (compile, AOT, run) is
 * appended to FILE as a JSON argv line: how a test proves that a reused sweep started nothing.
 */
export function logLaunch(argv: readonly string[]): void {
  const log = process.env.WASMLAB_LAUNCH_LOG;
  if (log) appendFileSync(log, `${JSON.stringify(argv)}\n`);
}

/** One run with a launcher of its own (one-off checks; sweeps use a LaunchSession). */
export async function launch(req: LaunchRequest): Promise<LaunchResult> {
  logLaunch(req.argv);
  return withSoftwareFallback(req, launchOnce);
}

async function launchOnce(req: LaunchRequest): Promise<LaunchResult> {
  const r = await execa(launcherPath(), launcherArgs(req), {
    reject: false,
    cancelSignal: req.signal,
    forceKillAfterDelay: 2000,
    stdin: 'ignore',
  });
  const cancelled = Boolean(req.signal?.aborted);
  const result = parseResult(r.stdout.trim().split('\n').pop() ?? '', cancelled);
  if (result) return result;
  // Killed by a signal before it could report (e.g. an interrupt sent to our whole process
  // group): the run was stopped from outside, which is a cancellation, not a harness error.
  if (cancelled || r.signal || r.exitCode === 130) return emptyResult({ cancelled: true });
  throw new Error(`wl-launch gave no result (exit ${r.exitCode}): ${r.stderr || r.stdout}`);
}

/**
 * A resident launcher (`wl-launch --serve`) for a sweep: one process for all runs, so Node only
 * writes a request and sleeps on the answer while a run is measured (see launcher.c). Requests
 * are serialized. An abort kills the launcher, which kills the running child's process group;
 * the next request starts a new launcher.
 */
export class LaunchSession {
  private server: Server | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  launch(req: LaunchRequest): Promise<LaunchResult> {
    const once = async (req: LaunchRequest): Promise<LaunchResult> => {
      const server = (this.server ??= new Server());
      const onAbort = () => {
        // Detach first: the next request must not be written to the dying launcher.
        if (this.server === server) this.server = undefined;
        server.kill();
      };
      req.signal?.addEventListener('abort', onAbort, { once: true });
      const got = await server.request(launcherArgs(req));
      req.signal?.removeEventListener('abort', onAbort);
      if (got === null && this.server === server) this.server = undefined;
      const cancelled = Boolean(req.signal?.aborted);
      const result = got === null ? null : parseResult(got, cancelled);
      if (result) return result;
      if (cancelled) return emptyResult({ cancelled: true });
      throw new Error(`wl-launch --serve ended without a result${got ? `: ${got}` : ''}`);
    };
    const run = async (): Promise<LaunchResult> => {
      if (req.signal?.aborted) return emptyResult({ cancelled: true });
      logLaunch(req.argv);
      return withSoftwareFallback(req, once);
    };
    const p = this.queue.then(run, run);
    this.queue = p.catch(() => {});
    return p;
  }

  close(): void {
    this.server?.end();
    this.server = undefined;
  }
}

/** One `wl-launch --serve` process: a request out, a line back. */
class Server {
  private readonly child: ChildProcessWithoutNullStreams;
  private pending: ((line: string | null) => void) | undefined;
  private buffered = '';

  constructor() {
    this.child = spawn(launcherPath(), ['--serve'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stdout.setEncoding('utf8');
    this.child.stdout.on('data', (chunk: string) => {
      this.buffered += chunk;
      let nl: number;
      while ((nl = this.buffered.indexOf('\n')) >= 0) {
        const line = this.buffered.slice(0, nl);
        this.buffered = this.buffered.slice(nl + 1);
        this.answer(line);
      }
    });
    this.child.stderr.resume();
    this.child.stdin.on('error', () => {}); // a dead launcher shows up as a null answer
    this.child.on('close', () => this.answer(null));
  }

  private answer(line: string | null): void {
    const p = this.pending;
    this.pending = undefined;
    p?.(line);
  }

  request(fields: string[]): Promise<string | null> {
    const line = new Promise<string | null>((resolve) => { this.pending = resolve; });
    this.child.stdin.write([String(fields.length), ...fields].map((f) => `${f}\0`).join(''));
    return line;
  }

  kill(): void {
    this.child.kill('SIGTERM'); // the launcher kills the running child's group, then exits
  }

  end(): void {
    this.child.stdin.end();
  }
}

function emptyResult(over: Partial<LaunchResult>): LaunchResult {
  return {
    wall_s: null, user_s: null, sys_s: null, maxrss_kb: null, exit_code: null, signal: null,
    timed_out: false, cancelled: false, start_error: null, counters: null, counter_error: null,
    software: null, software_error: null, note: null,
    ...over,
  };
}
