/**
 * Provenance of a sweep: the machine, the software and the conditions it ran under, plus a
 * noise check (load, busy processes, CPU frequency governor) with warnings — enough to rerun
 * the same sweep later and to compare machines (the idea of Sightglass's fingerprint).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../paths.js';
import { machine, type Machine } from './host.js';
import { PRIMARY_METRIC_RULE } from './metric.js';

export interface SweepInfo extends Machine {
  sweep_id: string;
  started: string;
  host: string;
  node: string;
  wasmlab_version: string;
  git_commit: string;
  governor: string | null;
  load_avg_1m: number;
  busy_processes: string[];
  warnings: string[];
  /** The request as the user gave it (flags, runtimes, benchmarks), and env knobs that matter. */
  request: Record<string, unknown>;
  /** What adaptive stopping and outlier flags look at (metric.ts). */
  primary_metric: string;
  env: Record<string, string>;
}

function readOr(path: string, dflt: string): string {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return dflt;
  }
}

function gitCommit(): string {
  try {
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return dirty ? `${head}+dirty` : head;
  } catch {
    return 'unknown';
  }
}

/** Processes using noticeable CPU right now (from /proc: state R, not ourselves). */
function runningProcesses(): string[] {
  const out: string[] = [];
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    if (Number(pid) === process.pid) continue;
    const stat = readOr(join('/proc', pid, 'stat'), '');
    const m = /^\d+ \((.*)\) (\S)/.exec(stat);
    if (m && m[2] === 'R') out.push(`${m[1]}(${pid})`);
  }
  return out;
}

/** Environment variables that change what runtimes or compilers do. */
const ENV_KNOBS = /^(WASMLAB_|WASMTIME_|WASMER_|NODE_OPTIONS$|RUST_|GOMAXPROCS$|OPENBLAS_)/;

export function collectSweepInfo(sweep_id: string, request: Record<string, unknown>): SweepInfo {
  const cpus = os.cpus();
  const load = os.loadavg()[0] ?? 0;
  const governorPath = '/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor';
  const governor = existsSync(governorPath) ? readOr(governorPath, '') || null : null;
  const busy = runningProcesses();
  const warnings: string[] = [];
  if (load > cpus.length * 0.5) warnings.push(`load average ${load.toFixed(2)} on ${cpus.length} CPUs: other work competes with the measurements`);
  if (busy.length > 1) warnings.push(`${busy.length} other runnable processes: ${busy.slice(0, 5).join(', ')}`);
  if (governor && governor !== 'performance') warnings.push(`CPU frequency governor is "${governor}" (not "performance"): times can drift with frequency`);
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string };
  return {
    sweep_id,
    started: new Date().toISOString(),
    host: os.hostname(),
    ...machine(),
    node: process.version,
    wasmlab_version: pkg.version,
    git_commit: gitCommit(),
    governor,
    load_avg_1m: load,
    busy_processes: busy,
    warnings,
    request,
    primary_metric: PRIMARY_METRIC_RULE,
    env: Object.fromEntries(Object.entries(process.env).filter(([k]) => ENV_KNOBS.test(k)) as [string, string][]),
  };
}
