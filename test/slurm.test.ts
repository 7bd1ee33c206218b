/**
 * A plan on a real Slurm cluster (issue 18): the one-node cluster `wasmlab slurm local up` starts
 * here, a job array of shards, a task killed and resubmitted, and a node whose runtime version
 * differs from the plan's. The cluster is brought down afterwards, leaving no daemon behind.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, test } from 'node:test';
import { execa } from 'execa';
import { slurmEnv } from '../src/cluster/local.js';
import { repoRoot } from '../src/paths.js';
import type { Plan } from '../src/plan/plan.js';
import { availableTargets, cli, useLocalSlurm, wasmlab } from './helpers.js';
import { runCells, stderrOf, stdoutOf } from './notebook-helpers.js';

const work = mkdtempSync(join(tmpdir(), 'wasmlab-slurm-test-'));
const mungeBefore = spawnSync('pgrep', ['-x', 'munged']).status === 0;
const { have, why } = useLocalSlurm();

after(() => {
  for (const d of mungeBefore ? ['slurmctld', 'slurmd'] : ['slurmctld', 'slurmd', 'munged']) {
    assert.equal(spawnSync('pgrep', ['-x', d], { encoding: 'utf8' }).stdout.trim(), '', `no ${d} left running`);
  }
});

type Status = { task: number; state: string; rows: number; ok: number }[];
async function waitEnded(job: string, timeoutS = 600): Promise<Status> {
  for (let t = 0; t < timeoutS * 2; t++) {
    const s = JSON.parse((await wasmlab(['slurm', 'status', job, '--format', 'json'])).stdout) as Status;
    if (s.every((x) => x.state === 'done' || x.state === 'failed')) return s;
    await sleep(500);
  }
  throw new Error(`job ${job} did not end in ${timeoutS} s`);
}

async function plan(t: { diagnostic: (m: string) => void }, name: string, size = 'mini'): Promise<{ file: string; plan: Plan }> {
  const targets = ['native', ...(await availableTargets(t, ['wasmtime:cranelift', 'wasm3']))];
  const file = join(work, `${name}.json`);
  await wasmlab(['plan', '-b', 'gemm,crc32,quicksort', '-r', targets.join(','), '--reps', '3', '--warmup', '0', '--size', size, '--shards', '3', '--out', file]);
  return { file, plan: JSON.parse(readFileSync(file, 'utf8')) as Plan };
}

async function storeKeys(store: string): Promise<{ run_key: string; status: string }[]> {
  return JSON.parse((await wasmlab(['sql', '--store', store, '--format', 'json', 'SELECT run_key, status FROM runs WHERE NOT superseded ORDER BY run_key'])).stdout) as { run_key: string; status: string }[];
}

test('a plan as a job array: submitted, waited for, collected; the merged store has exactly the planned runs, once each, all ok', { timeout: 20 * 60_000 }, async (t) => {
  if (!have) return t.skip(why);
  const { file, plan: p } = await plan(t, 'array');
  assert.equal(p.runs.length, 3 * 3 * (p.request.runtimes.length), 'benchmarks × reps × targets');
  assert.deepEqual([...new Set(p.runs.map((r) => r.shard))].sort(), [0, 1, 2]);
  const job = (await wasmlab(['slurm', 'submit', file, '--workdir', join(work, 'w-array')])).stdout.trim();
  assert.match(job, /^\d+$/);
  const s = await waitEnded(job);
  assert.deepEqual(s.map((x) => x.state), ['done', 'done', 'done'], JSON.stringify(s));
  const c = await wasmlab(['slurm', 'collect', job]);
  assert.match(c.stdout, new RegExp(`${p.runs.length} of ${p.runs.length} planned runs, 0 failed`));
  const keys = await storeKeys(join(work, 'w-array', 'results.duckdb'));
  assert.deepEqual(keys.map((k) => k.run_key), p.runs.map((r) => r.run_key).sort(), 'exactly the planned run keys, each once');
  assert.ok(keys.every((k) => k.status === 'ok'));
});

test('a task killed while it runs is resubmitted with --resubmit-failed, resumes, and the merge is again exact', { timeout: 20 * 60_000 }, async (t) => {
  if (!have) return t.skip(why);
  const { file, plan: p } = await plan(t, 'kill', 'small');
  const workdir = join(work, 'w-kill');
  const job = (await wasmlab(['slurm', 'submit', file, '--workdir', workdir])).stdout.trim();
  // Kill task 1 once it is running.
  let killed = false;
  for (let i = 0; i < 600 && !killed; i++) {
    const s = JSON.parse((await wasmlab(['slurm', 'status', job, '--format', 'json'])).stdout) as Status;
    if (s[1]!.state === 'running') {
      spawnSync('scancel', [`${job}_1`], { env: slurmEnv() });
      killed = true;
    } else if (s[1]!.state !== 'pending') break;
    await sleep(200);
  }
  assert.ok(killed, 'task 1 was killed while running');
  const s = await waitEnded(job);
  assert.equal(s[1]!.state, 'failed', JSON.stringify(s));
  const partial = await wasmlab(['slurm', 'collect', job], { reject: false });
  assert.match(partial.stdout, /tasks 1 failed: wasmlab slurm collect \d+ --resubmit-failed/);
  const again = (await wasmlab(['slurm', 'collect', job, '--resubmit-failed'])).stdout.trim();
  assert.match(again, /^\d+$/);
  const s2 = await waitEnded(again);
  assert.ok(s2.every((x) => x.state === 'done'), JSON.stringify(s2));
  const c = await wasmlab(['slurm', 'collect', job]);
  assert.match(c.stdout, new RegExp(`${p.runs.length} of ${p.runs.length} planned runs, 0 failed`));
  const keys = await storeKeys(join(workdir, 'results.duckdb'));
  assert.deepEqual(keys.map((k) => k.run_key), p.runs.map((r) => r.run_key).sort());
});

test('a shard on a machine whose runtime version differs from the plan is refused with the reason', { timeout: 5 * 60_000 }, async (t) => {
  const { file, plan: p } = await plan(t, 'version');
  const wasm = p.runs.find((r) => r.target !== 'native');
  if (!wasm) return t.skip('no wasm runtime here to change the version of');
  for (const r of p.runs) if (r.target === wasm.target) r.runtime_version = '0.0.1-other';
  writeFileSync(file, JSON.stringify(p));
  const r = await wasmlab(['shard', 'run', file, '--index', String(wasm.shard), '--store', join(work, 'v.duckdb')], { reject: false });
  assert.equal(r.exitCode, 2);
  assert.match(r.stderr, new RegExp(`cannot run here: ${wasm.target} here is ".+", the plan expects "0\\.0\\.1-other"`));
  assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  const bad = await wasmlab(['shard', 'run', file, '--index', '7', '--store', join(work, 'v.duckdb')], { reject: false });
  assert.match(bad.stderr, /--index 7 is not a shard of this plan \(0 … 2\)/);
});

test('a plan naming a target this machine cannot run is refused, naming it and why (not a plan that silently lacks it)', { timeout: 5 * 60_000 }, async () => {
  // WASMLAB_WASM3 pointing nowhere makes wasm3 unavailable: the one way to provoke this here.
  const r = await execa(process.execPath, [cli, 'plan', '-b', 'gemm', '-r', 'native,wasm3', '--shards', '2', '--out', join(work, 'lacking.json')],
    { reject: false, cwd: repoRoot, env: { WASMLAB_WASM3: join(work, 'no-such-wasm3') } });
  assert.equal(r.exitCode, 2, r.stderr);
  assert.match(r.stderr, /cannot plan wasm3 \(wasm3 not found in \$WASMLAB_WASM3.*\): plan on a machine that has it \(wasmlab doctor\), or drop it from --runtime/);
  assert.equal(existsSync(join(work, 'lacking.json')), false, 'no plan written');
});

/** Run these cells through the real kernel; each cell's stdout and stderr, trimmed. */
async function notebook(name: string, cells: string[]): Promise<{ out: string[]; err: string[] }> {
  const done = await runCells(work, name, cells);
  return { out: done.map((c) => stdoutOf(c).trim()), err: done.map((c) => stderrOf(c).trim()) };
}

test('from a notebook: %bench --slurm returns the job id at once; wl.slurm.status and collect, then wl.load of the merged store', { timeout: 15 * 60_000 }, async (t) => {
  if (!have) return t.skip(why);
  const first = await notebook('submit', ['%bench -b gemm,crc32 -r native --reps 2 --slurm --shards 2 -o j', "String(j['job'].values[0])"]);
  const job = first.out[1]!;
  assert.match(job, /^\d+$/, JSON.stringify(first));
  await waitEnded(job);
  const second = await notebook('collect', [
    `const st = await wl.slurm.status('${job}');\nst['state'].values.join(',')`,
    `const c = await wl.slurm.collect('${job}');\nString(c['missing'].values[0])`,
    "(await wl.load({ store: c['into'].values[0] })).shape[0]",
  ]);
  assert.deepEqual(second.out, ['done,done', '0', '4'], JSON.stringify(second));
});
