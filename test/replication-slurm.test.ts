/**
 * Issue 30, "uses --slurm where configured": `wasmlab repro BUNDLE --slurm --shards 2` through the
 * one-node Slurm cluster `wasmlab slurm local up` starts here. The job array measures exactly the
 * plan's runs into the repro store, and the decisions are those a local repro of the same bundle
 * gives on the same runs: a local `wasmlab repro` of the filled store launches nothing and prints
 * the same rows, finding lines and exit status. Run again with --slurm, it submits nothing.
 * `%repro … --slurm` does the same through a real kernel.
 * (Whether mini-size runs of 2 benchmarks come out "replicated" is this machine's noise:
 * docs/replication.md; the decisions themselves are tested in replication.test.ts.)
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { execa } from 'execa';
import { repoRoot } from '../src/paths.js';
import { availableTargets, cli, useLocalSlurm, wasmlab } from './helpers.js';
import { kernelReady, runCells, stdoutOf } from './notebook-helpers.js';

const work = mkdtempSync(join(tmpdir(), 'wasmlab-repro-slurm-'));
const { have, why } = useLocalSlurm();
const wl = (args: string[], env: Record<string, string> = {}) => execa(process.execPath, [cli, ...args], { reject: false, cwd: repoRoot, env: { ...process.env, ...env } });

type Out = { rows: { target: string; decision: string; ratio_of_ratios: number | null }[]; findings: { finding: string; outcome: string }[] };

test('repro --slurm: a job array measures exactly the plan into the repro store; the decisions are a local repro\'s', { timeout: 20 * 60_000 }, async (t) => {
  if (!have) return t.skip(why);
  const wasm = await availableTargets(t, ['wasmtime:cranelift']);
  if (!wasm.length) return t.skip('SKIPPED: wasmtime:cranelift is not available here');
  const a = join(work, 'A.duckdb'), bundle = join(work, 'bundle'), r = join(work, 'R.duckdb');
  const run = await wl(['run', '-b', 'gemm,crc32', '-r', ['native', ...wasm].join(','), '--size', 'mini', '--reps', '3', '--store', a, '--format', 'json']);
  assert.equal(run.exitCode, 0, run.stderr);
  assert.equal((await wl(['publish', '--bundle', bundle, '--store', a])).exitCode, 0);
  const plan = JSON.parse(readFileSync(join(bundle, 'plan.json'), 'utf8')) as { runs: { run_key: string }[] };
  assert.equal(plan.runs.length, 2 * 2 * 3, 'benchmarks × targets × reps');

  const onSlurm = await wl(['repro', bundle, '--slurm', '--shards', '2', '--store', r, '--format', 'json']);
  assert.ok(onSlurm.exitCode === 0 || onSlurm.exitCode === 3, onSlurm.stderr);
  assert.match(onSlurm.stderr, new RegExp(`submitted ${plan.runs.length} runs in 2 tasks as Slurm job \\d+`));
  assert.match(onSlurm.stderr, /job \d+: 2 done, 0 running, 0 pending, 0 failed of 2 tasks/);
  assert.ok(existsSync(join(work, 'R.slurm', 'shard-0.duckdb')) && existsSync(join(work, 'R.slurm', 'shard-1.duckdb')), 'two shard stores');
  const keys = JSON.parse((await wl(['sql', '--store', r, '--format', 'json', 'SELECT run_key FROM runs WHERE NOT superseded ORDER BY run_key'])).stdout) as { run_key: string }[];
  assert.deepEqual(keys.map((k) => k.run_key), plan.runs.map((x) => x.run_key).sort(), 'exactly the plan\'s runs, each once');
  const slurmOut = JSON.parse(onSlurm.stdout) as Out;
  assert.deepEqual(slurmOut.rows.map((x) => x.target), wasm);
  const changed = slurmOut.rows.some((x) => x.decision === 'differs') || slurmOut.findings.some((f) => f.outcome === 'verdict changed');
  assert.equal(onSlurm.exitCode, changed ? 3 : 0, 'exit 0 unless a row differs or a verdict changed');

  // A local repro of the same bundle into the same store: nothing to measure, the same answer.
  const launchLog = join(work, 'local.log');
  const local = await wl(['repro', bundle, '--store', r, '--format', 'json'], { WASMLAB_LAUNCH_LOG: launchLog });
  assert.equal(local.exitCode, onSlurm.exitCode, local.stderr);
  assert.deepEqual(JSON.parse(local.stdout), slurmOut, 'the same rows and finding lines');
  assert.ok(!existsSync(launchLog) || readFileSync(launchLog, 'utf8').trim() === '', 'the local repro launched nothing');

  // Resumable: again with --slurm, the store holds the whole plan and nothing is submitted.
  const again = await wl(['repro', bundle, '--slurm', '--shards', '2', '--store', r, '--format', 'json']);
  assert.equal(again.exitCode, onSlurm.exitCode, again.stderr);
  assert.match(again.stderr, /holds all 12 runs of plan [0-9a-f]+: nothing to submit/);
  assert.doesNotMatch(again.stderr, /submitted/);
  assert.deepEqual(JSON.parse(again.stdout), slurmOut);
});

test('%repro --slurm in the kernel: the same job array, waited for; the rows bound with -o', { timeout: 20 * 60_000 }, async (t) => {
  if (!have) return t.skip(why);
  const bundle = join(work, 'bundle');
  if (!existsSync(join(bundle, 'plan.json'))) return t.skip('SKIPPED: the bundle of the test above was not made');
  await kernelReady();
  const cells = await runCells(work, 'repro-slurm', [
    `%repro ${bundle} --slurm --shards 2 --store K.duckdb -o k`,
    'k.shape[0] + " " + k["target"].values.join(",")',
    "(await wl.sql('SELECT count(DISTINCT run_key)::INT AS n FROM runs WHERE NOT superseded', { store: 'K.duckdb' }))['n'].values[0]",
  ], { env: { ...process.env, WASMLAB_STORE: '' } });
  const errors = cells.flatMap((c, i) => c.outputs.filter((o) => o.type === 'error').map((o) => `cell ${i}: ${o.ename}: ${o.evalue}`));
  assert.deepEqual(errors, []);
  const shown = JSON.stringify(cells[0]!.outputs);
  assert.match(shown, /submitted 12 runs in 2 tasks as Slurm job \d+/);
  assert.match(shown, /finding 1: /, 'the finding lines');
  assert.equal(stdoutOf(cells[1]!).trim(), '1 wasmtime:cranelift');
  assert.equal(stdoutOf(cells[2]!).trim(), '12', 'exactly the plan\'s runs');
});

test('repro --shards without --slurm is refused in one line', async () => {
  const r = await wl(['repro', work, '--shards', '2']);
  assert.equal(r.exitCode, 2);
  assert.match(r.stderr, /--shards goes with --slurm/);
});
