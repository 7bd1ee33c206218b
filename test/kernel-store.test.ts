/**
 * The store through the real kernel (issue 14): a finished %bench re-run launches nothing and
 * returns the same rows, --fresh measures again, %sql and %%sql answer a GROUP BY, wl.load, and a
 * kernel SIGKILLed mid-%bench whose cell, run again, measures only what was missing.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, before } from 'node:test';
import { repoRoot } from '../src/paths.js';
import { displayTexts, kernelReady, launchCountCell, numberOf, pyJson, runCellsCountingLaunches, stderrOf, stdoutOf, tableOf } from './notebook-helpers.js';

const work = mkdtempSync(join(tmpdir(), 'wasmlab-kstore-'));

before(kernelReady);

const launches = 'launches()';
const BENCH = '%bench -b gemm,crc32 -r native,wasmtime:cranelift --reps 2';
const CELLS = [
  launchCountCell('kstore.duckdb'),
  `${BENCH} -o a`,
  launches,
  `${BENCH} -o b`,
  launches,
  'JSON.stringify(a.values) === JSON.stringify(b.values)',
  `${BENCH} --fresh -o c`,
  launches,
  '%sql SELECT runtime, count(*) AS n FROM runs WHERE NOT superseded GROUP BY runtime ORDER BY runtime',
  '%%sql -o g\nSELECT benchmark, count(*) AS n, median(wall_s) AS med\nFROM runs\nGROUP BY benchmark ORDER BY benchmark',
  "g['benchmark'].values.join(',') + ' ' + typeof g['n'].values[0]",
  '(await wl.load()).shape[0]',
  '%sql SELEC broken',
  '%config store=none',
  '%sql SELECT 1',
];

test('the store through the kernel: reuse without launching, --fresh, %sql, %%sql, wl.load', { timeout: 15 * 60_000 }, async () => {
  const cells = await runCellsCountingLaunches(work, 'store', CELLS);
  const n = (i: number) => numberOf(cells[i]!);
  assert.ok(existsSync(join(work, 'kstore.duckdb')), 'the store is in the notebook folder');
  assert.ok(n(2) >= 8, `the first %bench launched its runs (${n(2)})`);
  assert.equal(n(4), n(2), 're-running the finished cell launched no process');
  assert.ok(displayTexts(cells[3]!).some((t) => /^bench: 8 runs \(8 reused, 0 measured\)/.test(t)), displayTexts(cells[3]!).join(' | '));
  assert.equal(stdoutOf(cells[5]!).trim(), 'true', 'the same rows');
  assert.ok(n(7) >= n(4) + 8, '--fresh launched every run again');
  assert.ok(displayTexts(cells[6]!).some((t) => /^bench: 8 runs \(0 reused, 8 measured\)/.test(t)));
  const grouped = tableOf(cells[8]!);
  assert.match(grouped, /native<\/td>\s*<td>4</);
  assert.match(grouped, /wasmtime<\/td>\s*<td>4</);
  assert.equal(stdoutOf(cells[10]!).trim(), 'mibench/crc32,polybench/gemm number');
  assert.equal(n(11), 8, 'wl.load: the current runs');
  assert.match(stderrOf(cells[12]!).trim(), /^UsageError: %sql: Parser Error/);
  assert.equal(stderrOf(cells[12]!).trim().split('\n').length, 1);
  assert.match(stderrOf(cells[14]!), /no store \(%config store=none\)/);
});

test('a kernel SIGKILLed mid-%bench: the re-run cell measures only what was missing', { timeout: 20 * 60_000 }, async () => {
  const store = join(work, 'killed.duckdb');
  const k = await pyJson<Record<string, string | number | null>>('kill_kernel.py', ['--store', store, '--after', '6', '--cwd', work], {
    cwd: join(repoRoot, 'test', 'py'), timeoutMs: 20 * 60_000,
  });
  assert.ok(Number(k.killed_at_done) >= 6 && Number(k.killed_at_done) < Number(k.total), JSON.stringify(k));
  const m = /\((\d+) reused, (\d+) measured\)/.exec(String(k.rerun_closing));
  assert.ok(m, `closing line: ${k.rerun_closing}`);
  // Everything finished before the kill was kept (the run in flight may be lost).
  assert.ok(Number(m[1]) >= Number(k.killed_at_done) - 1, JSON.stringify(k));
  assert.equal(Number(m[1]) + Number(m[2]), Number(k.total));
  assert.equal(Number(k.rows), Number(k.total));
  assert.equal(k.store_rows, String(k.total), 'the store holds the planned runs');
  assert.equal(k.store_keys, String(k.total), 'none twice');
  assert.equal(k.df_keys_in_store, String(k.total));
});
