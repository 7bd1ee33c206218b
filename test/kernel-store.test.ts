/**
 * The store through the real kernel (issue 14): a finished %bench re-run launches nothing and
 * returns the same rows, --fresh measures again, %sql and %%sql answer a GROUP BY, wl.load, and a
 * kernel SIGKILLed mid-%bench whose cell, run again, measures only what was missing.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { test, before } from 'node:test';
import { repoRoot } from '../src/paths.js';
import { installKernelSpec } from '../kernel/spec.js';
import { runCells, streamOf, type NotebookCell } from './helpers.js';

const run = promisify(execFile);
const python = join(repoRoot, '.venv', 'bin', 'python');
const work = mkdtempSync(join(tmpdir(), 'wasmlab-kstore-'));

type Cell = NotebookCell;
const stdout = (c: Cell) => streamOf(c, 'stdout');
const stderr = (c: Cell) => streamOf(c, 'stderr');
const texts = (c: Cell) => c.outputs.filter((o) => o.type === 'display_data').map((o) => String(o.data?.['text/plain'] ?? ''));
const tableOf = (c: Cell) => c.outputs.map((o) => o.data?.['text/html']).filter((h): h is string => typeof h === 'string' && h.includes('<table')).pop() ?? '';

before(async () => {
  assert.ok(existsSync(python), `no venv at ${python}: run bash setup/setup.sh --no-demo`);
  await installKernelSpec();
});

const launches = 'launches()';
const BENCH = '%bench -b gemm,crc32 -r native,wasmtime:cranelift --reps 2';
const CELLS = [
  "%config store=kstore.duckdb\nimport { readFileSync } from 'fs';\nconst launches = () => readFileSync(process.env.WASMLAB_LAUNCH_LOG!, 'utf8').split('\\n').filter(Boolean).length;",
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
  const log = join(work, 'launches.log');
  writeFileSync(log, '');
  const cells = await runCells(work, 'store', CELLS, { ...process.env, WASMLAB_LAUNCH_LOG: log, WASMLAB_STORE: '' });
  const n = (i: number) => Number(stdout(cells[i]!).trim());
  assert.ok(existsSync(join(work, 'kstore.duckdb')), 'the store is in the notebook folder');
  assert.ok(n(2) >= 8, `the first %bench launched its runs (${n(2)})`);
  assert.equal(n(4), n(2), 're-running the finished cell launched no process');
  assert.ok(texts(cells[3]!).some((t) => /^bench: 8 runs \(8 reused, 0 measured\)/.test(t)), texts(cells[3]!).join(' | '));
  assert.equal(stdout(cells[5]!).trim(), 'true', 'the same rows');
  assert.ok(n(7) >= n(4) + 8, '--fresh launched every run again');
  assert.ok(texts(cells[6]!).some((t) => /^bench: 8 runs \(0 reused, 8 measured\)/.test(t)));
  const grouped = tableOf(cells[8]!);
  assert.match(grouped, /native<\/td>\s*<td>4</);
  assert.match(grouped, /wasmtime<\/td>\s*<td>4</);
  assert.equal(stdout(cells[10]!).trim(), 'mibench/crc32,polybench/gemm number');
  assert.equal(n(11), 8, 'wl.load: the current runs');
  assert.match(stderr(cells[12]!).trim(), /^UsageError: %sql: Parser Error/);
  assert.equal(stderr(cells[12]!).trim().split('\n').length, 1);
  assert.match(stderr(cells[14]!), /no store \(%config store=none\)/);
});

test('a kernel SIGKILLed mid-%bench: the re-run cell measures only what was missing', { timeout: 20 * 60_000 }, async () => {
  const store = join(work, 'killed.duckdb');
  const r = await run(python, [join(repoRoot, 'test', 'py', 'kill_kernel.py'), '--store', store, '--after', '6', '--cwd', work], {
    cwd: join(repoRoot, 'test', 'py'), timeout: 20 * 60_000, maxBuffer: 64 * 1024 * 1024,
  });
  const k = JSON.parse(r.stdout) as Record<string, string | number | null>;
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
