/**
 * Issue 30, acceptance 1 (in part), 3 and 4: `wasmlab publish --bundle` of a small real store;
 * `wasmlab repro --dry-run` prints the plan and launches nothing (launch log); a bundle whose
 * plan names a runtime version no registry serves is refused in one line before anything runs;
 * `wasmlab repro` of the bundle measures exactly the plan's runs into its own store and decides
 * per target. (Whether mini-size runs come out "replicated" depends on this machine's noise:
 * docs/replication.md; the decisions themselves are tested in replication.test.ts.)
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { execa } from 'execa';
import { availableTargets, cli } from './helpers.js';
import { repoRoot } from '../src/paths.js';
import { studyVerdicts } from '../src/analysis/study.js';

const work = mkdtempSync(join(tmpdir(), 'wasmlab-repro-'));
const wl = (args: string[], env: Record<string, string> = {}) => execa(process.execPath, [cli, ...args], { reject: false, cwd: repoRoot, env: { ...process.env, ...env } });

test('publish --bundle, repro --dry-run launches nothing, an unservable version is refused in one line, repro measures the plan', { timeout: 600_000 }, async (t) => {
  const wasm = await availableTargets(t, ['wasmtime:cranelift', 'wasm3']);
  if (!wasm.length) { t.skip('SKIPPED: no wasm target available'); return; }
  const a = join(work, 'A.duckdb'), bundle = join(work, 'bundle');
  assert.equal((await wl(['run', '-b', 'gemm,crc32', '-r', ['native', ...wasm].join(','), '--size', 'mini', '--reps', '3', '--store', a, '--format', 'json'])).exitCode, 0);
  const b = await wl(['publish', '--bundle', bundle, '--store', a]);
  assert.equal(b.exitCode, 0, b.stderr);
  for (const f of ['runs.parquet', 'plan.json', 'host.json', 'verdicts.json']) assert.ok(existsSync(join(bundle, f)), f);
  const plan = JSON.parse(readFileSync(join(bundle, 'plan.json'), 'utf8')) as { format: string; runs: { target: string; runtime_version: string }[] };
  assert.equal(plan.format, 'wasmlab-plan/1');
  assert.equal(plan.runs.length, 2 * (1 + wasm.length) * 3);
  const host = JSON.parse(readFileSync(join(bundle, 'host.json'), 'utf8')) as { host: { host_id: string }; versions: { target: string }[] };
  assert.match(host.host.host_id, /^[0-9a-f]{16}$/);
  const verdicts = JSON.parse(readFileSync(join(bundle, 'verdicts.json'), 'utf8')) as { subject: string; n_paired: number }[];
  assert.deepEqual(verdicts.map((v) => v.subject).sort(), [...wasm].sort());

  const dryLog = join(work, 'dry.log');
  const dry = await wl(['repro', bundle, '--dry-run'], { WASMLAB_LAUNCH_LOG: dryLog });
  assert.equal(dry.exitCode, 0, dry.stderr);
  assert.match(dry.stderr, /plan [0-9a-f]+: \d+ runs .* estimated [\d.]+ (s|min)/);
  assert.equal(dry.stdout.trim().split('\n').length, plan.runs.length);
  assert.ok(!existsSync(dryLog) || readFileSync(dryLog, 'utf8').trim() === '', 'dry run launched nothing');

  // A version no registry serves: refused before anything runs, in one line.
  const edited = join(work, 'edited');
  await wl(['publish', '--bundle', edited, '--store', a]);
  const p = JSON.parse(readFileSync(join(edited, 'plan.json'), 'utf8')) as { runs: { target: string; runtime_version: string }[] };
  for (const r of p.runs) if (r.target === wasm[0]) r.runtime_version = '999.0.0-never';
  writeFileSync(join(edited, 'plan.json'), JSON.stringify(p));
  const refusedLog = join(work, 'refused.log');
  const refused = await wl(['repro', edited, '--store', join(work, 'never.duckdb')], { WASMLAB_LAUNCH_LOG: refusedLog });
  assert.equal(refused.exitCode, 2);
  assert.equal(refused.stderr.trim().split('\n').length, 1, refused.stderr);
  assert.match(refused.stderr, new RegExp(`${wasm[0]!.replace(/[+:]/g, '\\$&')} here is ".*", the plan expects "999\\.0\\.0-never"`));
  assert.ok(!existsSync(refusedLog) || readFileSync(refusedLog, 'utf8').trim() === '', 'refused before launching anything');
  assert.ok(!existsSync(join(work, 'never.duckdb')), 'no store made');

  // The round trip: measures the plan's runs (and only those) into its own store, decides per target.
  const r = join(work, 'R.duckdb');
  const rep = await wl(['repro', bundle, '--store', r, '--format', 'json']);
  assert.ok(rep.exitCode === 0 || rep.exitCode === 3, rep.stderr);
  const { rows, findings } = JSON.parse(rep.stdout) as { rows: { target: string; decision: string; n_paired: number }[]; findings: { finding: string; outcome: string }[] };
  assert.deepEqual(rows.map((x) => x.target).sort(), [...wasm].sort());
  for (const x of rows) assert.equal(x.n_paired, 2);
  assert.equal(findings.length, studyVerdicts([]).length, 'every finding is listed, compared or not');
  if (findings.some((f) => f.outcome === 'verdict changed')) assert.equal(rep.exitCode, 3, 'a changed verdict exits 3');
  const n = await wl(['sql', '--store', r, 'SELECT count(*)::INT AS n FROM runs', '--format', 'json']);
  assert.equal((JSON.parse(n.stdout) as { n: number }[])[0]!.n, plan.runs.length, 'measured exactly the plan');
});
