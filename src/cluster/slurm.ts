/**
 * A plan on Slurm: one job array, one array task per shard, each running `wasmlab shard run` into
 * a store of its own in the job's work folder; status from squeue and the tasks' exit files;
 * collect merges the shard stores (and can resubmit failed tasks, which resume). Slurm does the
 * scheduling; this only writes the batch script and reads the state back.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { cacheDir, repoRoot } from '../paths.js';
import { readPlan } from '../plan/plan.js';
import { Store } from '../store/store.js';
import { slurmEnv } from './local.js';

export interface SubmitOptions {
  partition?: string;
  time?: string;
  cpusPerTask?: number;
  workdir?: string;
}

/** What wasmlab remembers of a submitted plan: where its shards write, and which job runs each task now. */
export interface JobRecord {
  job: string;
  plan: string;
  plan_id: string;
  workdir: string;
  shards: number;
  script: string;
  submitted: string;
  /** The job id currently responsible for each array task (changes when a task is resubmitted). */
  tasks: Record<string, string>;
}

export type TaskState = 'pending' | 'running' | 'done' | 'failed';

const jobsDir = join(cacheDir, 'slurm', 'jobs');

function slurm(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { env: slurmEnv(), encoding: 'utf8' });
  if (r.error) throw new UsageError(`${cmd} is not available (${r.error.message}): is this a Slurm login node? (try: wasmlab slurm local up)`);
  if (r.status !== 0) throw new UsageError(`${cmd} ${args.join(' ')} failed: ${(r.stderr || r.stdout).trim().split('\n')[0]}`);
  return r.stdout;
}

const q = (s: string) => `'${s.replace(/'/g, "'\\''")}'`;

function batchScript(rec: Omit<JobRecord, 'job' | 'tasks' | 'submitted' | 'script'>, o: SubmitOptions): string {
  const w = rec.workdir;
  return [
    '#!/bin/bash',
    `#SBATCH --job-name=wasmlab-${rec.plan_id}`,
    `#SBATCH --output=${w}/task-%a.out`,
    ...(o.partition ? [`#SBATCH --partition=${o.partition}`] : []),
    ...(o.time ? [`#SBATCH --time=${o.time}`] : []),
    ...(o.cpusPerTask ? [`#SBATCH --cpus-per-task=${o.cpusPerTask}`] : []),
    '# Written by `wasmlab slurm submit`: one array task runs one shard of the plan into its own store.',
    'i=$SLURM_ARRAY_TASK_ID',
    `rm -f ${q(w)}/task-$i.exit`,
    '# Pinned to the CPUs Slurm gave this task.',
    "cpus=$(awk '/^Cpus_allowed_list/ {print $2}' /proc/self/status)",
    `cd ${q(repoRoot)}`,
    `${q(process.execPath)} ${q(join(repoRoot, 'bin', 'wasmlab.js'))} shard run ${q(rec.plan)} --index "$i" --store ${q(w)}/shard-$i.duckdb --pin "$cpus" --quiet`,
    `echo $? > ${q(w)}/task-$i.exit`,
    '',
  ].join('\n');
}

function save(rec: JobRecord): void {
  mkdirSync(jobsDir, { recursive: true });
  writeFileSync(join(rec.workdir, 'job.json'), JSON.stringify(rec, null, 2));
  writeFileSync(join(jobsDir, `${rec.job}.json`), JSON.stringify({ workdir: rec.workdir }));
}

export function jobRecord(job: string): JobRecord {
  const idx = join(jobsDir, `${job}.json`);
  if (!existsSync(idx)) throw new UsageError(`no wasmlab job ${job} here (submitted jobs are listed in ${jobsDir})`);
  const { workdir } = JSON.parse(readFileSync(idx, 'utf8')) as { workdir: string };
  return JSON.parse(readFileSync(join(workdir, 'job.json'), 'utf8')) as JobRecord;
}

function sbatch(script: string, array: string): string {
  return slurm('sbatch', ['--parsable', `--array=${array}`, script]).trim().split(';')[0]!;
}

export function submit(planFile: string, o: SubmitOptions = {}): JobRecord {
  const plan = readPlan(planFile);
  const workdir = resolve(o.workdir ?? `wasmlab-slurm-${plan.plan_id}`);
  mkdirSync(workdir, { recursive: true });
  const base = { plan: resolve(planFile), plan_id: plan.plan_id, workdir, shards: plan.shards };
  const script = join(workdir, 'shard.sbatch');
  writeFileSync(script, batchScript(base, o), { mode: 0o755 });
  const job = sbatch(script, `0-${plan.shards - 1}`);
  const rec: JobRecord = {
    ...base, job, script, submitted: new Date().toISOString(),
    tasks: Object.fromEntries(Array.from({ length: plan.shards }, (_, i) => [String(i), job])),
  };
  save(rec);
  return rec;
}

/** Each task's state: from squeue while Slurm has it, else from the exit file the script wrote. */
export function taskStates(rec: JobRecord): Map<number, TaskState> {
  const queued = new Map<string, string>();
  for (const job of new Set(Object.values(rec.tasks))) {
    for (const line of slurm('squeue', ['-h', '-r', '-j', job, '-o', '%A %K %T']).split('\n')) {
      const [, task, state] = line.trim().split(/\s+/);
      if (task !== undefined && state) queued.set(`${job}:${task}`, state);
    }
  }
  const out = new Map<number, TaskState>();
  for (const [task, job] of Object.entries(rec.tasks)) {
    const s = queued.get(`${job}:${task}`);
    const exit = join(rec.workdir, `task-${task}.exit`);
    if (s && /PENDING|CONFIGURING|REQUEUED/.test(s)) out.set(Number(task), 'pending');
    else if (s && /RUNNING|COMPLETING/.test(s)) out.set(Number(task), 'running');
    else out.set(Number(task), existsSync(exit) && readFileSync(exit, 'utf8').trim() === '0' ? 'done' : 'failed');
  }
  return out;
}

export interface TaskStatus {
  task: number;
  job: string;
  state: TaskState;
  rows: number;
  ok: number;
}

export async function status(job: string): Promise<TaskStatus[]> {
  const rec = jobRecord(job);
  const states = taskStates(rec);
  const out: TaskStatus[] = [];
  for (const [task, state] of states) {
    const file = join(rec.workdir, `shard-${task}.duckdb`);
    let rows = 0;
    let ok = 0;
    if (existsSync(file)) {
      const r = await new Store(file, { waitS: 30 }).query("SELECT count(*)::INTEGER AS n, count(*) FILTER (WHERE status = 'ok')::INTEGER AS ok FROM runs WHERE NOT superseded");
      rows = Number(r.rows[0]?.n ?? 0);
      ok = Number(r.rows[0]?.ok ?? 0);
    }
    out.push({ task, job: rec.tasks[String(task)]!, state, rows, ok });
  }
  return out.sort((a, b) => a.task - b.task);
}

export interface Collected {
  into: string;
  shards: { task: number; rows: number; added: number; skipped: number; failed: number }[];
  planned: number;
  missing: number;
  failedRuns: number;
  failedTasks: number[];
  resubmitted?: string;
}

/** Merge the shard stores once every task has ended; with resubmitFailed, failed tasks go to Slurm again instead. */
export async function collect(job: string, o: { into?: string; resubmitFailed?: boolean } = {}): Promise<Collected> {
  const rec = jobRecord(job);
  const states = taskStates(rec);
  const busy = [...states].filter(([, s]) => s === 'pending' || s === 'running').map(([t]) => t);
  if (busy.length) throw new UsageError(`job ${job}: tasks ${busy.join(', ')} are still pending or running (wasmlab slurm status ${job}); collect when they end`);
  const failedTasks = [...states].filter(([, s]) => s === 'failed').map(([t]) => t);
  const into = resolve(o.into ?? join(rec.workdir, 'results.duckdb'));
  if (failedTasks.length && o.resubmitFailed) {
    const again = sbatch(rec.script, failedTasks.join(','));
    for (const t of failedTasks) rec.tasks[String(t)] = again;
    save(rec);
    writeFileSync(join(jobsDir, `${again}.json`), JSON.stringify({ workdir: rec.workdir }));
    return { into, shards: [], planned: 0, missing: 0, failedRuns: 0, failedTasks, resubmitted: again };
  }
  const store = new Store(into);
  const shards: Collected['shards'] = [];
  for (let t = 0; t < rec.shards; t++) {
    const file = join(rec.workdir, `shard-${t}.duckdb`);
    if (!existsSync(file)) continue;
    shards.push({ task: t, ...(await store.merge(file)) });
  }
  const plan = readPlan(rec.plan);
  const { found, failed } = await store.present(plan.runs.map((r) => r.run_key));
  return { into, shards, planned: plan.runs.length, missing: plan.runs.length - found, failedRuns: failed, failedTasks };
}

/** Cancel a job's tasks (all, or some): what a test or a user does to a stuck task. */
export function cancel(job: string, tasks?: number[]): void {
  const ids = tasks ? tasks.map((t) => `${job}_${t}`) : [job];
  execFileSync('scancel', ids, { env: slurmEnv() });
  if (tasks) for (const t of tasks) rmSync(join(jobRecord(job).workdir, `task-${t}.exit`), { force: true });
}
