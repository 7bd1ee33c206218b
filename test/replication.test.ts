/**
 * Issue 30, acceptance 2: a small real store (4 benchmarks × native and two wasm targets × 5
 * reps, mini size), an exact copy, and a copy with one target's times scaled ×2 by SQL. `wasmlab
 * diff` says "replicated" for every target of the untampered copy (exit 0), and "differs" for
 * exactly the tampered target, in the right direction and by ×2 (exit 3).
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { availableTargets, wasmlab } from './helpers.js';

const work = mkdtempSync(join(tmpdir(), 'wasmlab-replication-'));

interface DiffRow { target: string; ratio_of_ratios: number; ci_low: number | null; ci_high: number | null; n_paired: number; decision: string; detail: string }

async function diff(a: string, b: string, extra: string[] = []): Promise<{ code: number; rows: DiffRow[] }> {
  const r = await wasmlab(['diff', a, b, '--format', 'json', ...extra], { reject: false });
  assert.ok(r.exitCode === 0 || r.exitCode === 3, `diff exit ${r.exitCode}: ${r.stderr}`);
  return { code: r.exitCode!, rows: (JSON.parse(r.stdout) as { rows: DiffRow[] }).rows };
}

test('acceptance 2: diff of a store and its copy replicates (exit 0); one target ×2 by SQL differs, that target only, higher by ×2 (exit 3)', { timeout: 600_000 }, async (t) => {
  const wasm = await availableTargets(t, ['wasmtime:cranelift', 'wasm3']);
  if (wasm.length < 2) { t.skip(`SKIPPED: needs two wasm targets to tell the tampered one apart (have ${wasm.join(', ') || 'none'})`); return; }
  const a = join(work, 'A.duckdb'), same = join(work, 'same.duckdb'), tampered = join(work, 'tampered.duckdb');
  await wasmlab(['run', '-b', 'gemm,crc32,sha,quicksort', '-r', ['native', ...wasm].join(','), '--size', 'mini', '--reps', '5', '--store', a, '--format', 'json']);
  copyFileSync(a, same);
  copyFileSync(a, tampered);
  const victim = wasm[1]!, [runtime, mode] = victim.split(':') as [string, string?];
  const upd = await wasmlab(['sql', '--store', tampered, `UPDATE runs SET kernel_s = kernel_s * 2, wall_s = wall_s * 2 WHERE runtime = '${runtime}'${mode ? ` AND mode = '${mode}'` : ''}`]);
  assert.match(upd.stdout, /\b20\b/, `4 benchmarks × 5 reps of ${victim} updated: ${upd.stdout}`);

  const s = await diff(a, same);
  assert.equal(s.code, 0);
  assert.deepEqual(s.rows.map((r) => r.target).sort(), [...wasm].sort());
  for (const r of s.rows) {
    assert.equal(r.decision, 'replicated', `${r.target}: ${r.detail}`);
    assert.equal(r.n_paired, 4);
    assert.ok(Math.abs(r.ratio_of_ratios - 1) < 1e-9);
  }

  const d = await diff(a, tampered);
  assert.equal(d.code, 3);
  const differs = d.rows.filter((r) => r.decision === 'differs');
  assert.deepEqual(differs.map((r) => r.target), [victim]);
  assert.ok(Math.abs(differs[0]!.ratio_of_ratios - 2) < 1e-6, `ratio of ratios ${differs[0]!.ratio_of_ratios}`);
  assert.match(differs[0]!.detail, /B's ratio to native is higher than A's by ×2\.00/);
  for (const r of d.rows.filter((r) => r.target !== victim)) assert.equal(r.decision, 'replicated', `${r.target}: ${r.detail}`);

  // The other way round: B's ratio lower than A's, by ÷2.
  const back = await diff(tampered, a);
  assert.equal(back.code, 3);
  assert.match(back.rows.find((r) => r.target === victim)!.detail, /lower than A's by ÷2\.00/);

  // The table names the decision per target and the counts; --by benchmark gives one row per benchmark and target.
  const table = await wasmlab(['diff', a, tampered], { reject: false });
  assert.equal(table.exitCode, 3);
  assert.match(table.stdout, new RegExp(`^${victim.replace(/[+:]/g, '\\$&')} .* differs `, 'm'));
  assert.match(table.stdout, /1 differs/);
  const per = await diff(a, tampered, ['--by', 'benchmark']);
  assert.equal(per.rows.length, 4 * wasm.length);

  // One store, two sides by --where: the same store against itself replicates.
  const self = await diff(a, a, ['--where-a', "rep < 5", '--where-b', "rep >= 0"]);
  assert.equal(self.code, 0);
  const bad = await wasmlab(['diff', a], { reject: false });
  assert.equal(bad.exitCode, 2);
  assert.match(bad.stderr, /--sweep-a\/--sweep-b or --where-a\/--where-b/);
});
