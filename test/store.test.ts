/**
 * The results store with real processes and real DuckDB files (issue 14): SIGKILL at random
 * moments and re-run, reuse without launching, --fresh, two writers at once, a held store,
 * export/import round trips, bad files, schema migration.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { repoRoot } from '../src/paths.js';
import { RECORD_COLUMNS } from '../src/record.js';
import { Store } from '../src/store/store.js';
import { SCHEMA_VERSION } from '../src/store/schema.js';
import { availableTargets, cli, wasmlab } from './helpers.js';

const work = mkdtempSync(join(tmpdir(), 'wasmlab-store-test-'));
let n = 0;
const fresh = (name: string) => join(work, `${name}-${n++}.duckdb`);

type Row = Record<string, unknown>;
async function sqlRows(store: string, query: string): Promise<Row[]> {
  const r = await wasmlab(['sql', '--store', store, '--format', 'json', query]);
  return JSON.parse(r.stdout) as Row[];
}
const current = (store: string) => sqlRows(store, `SELECT ${RECORD_COLUMNS.join(', ')} FROM runs WHERE NOT superseded ORDER BY run_key`);

async function targets(t: { diagnostic: (m: string) => void }): Promise<string> {
  const wasm = await availableTargets(t, ['wasmtime:cranelift']);
  return ['native', ...wasm].join(',');
}

test('fault injection: a sweep SIGKILLed at 20 random moments and re-run each time ends with exactly its planned runs', { timeout: 15 * 60_000 }, async (t) => {
  const store = fresh('kill');
  const args = ['run', '-b', 'gemm,crc32,quicksort,sha', '-r', await targets(t), '--size', 'small', '--reps', '4', '--warmup', '0',
    '--store', store, '--format', 'json', '-q'];
  const committed = new Map<string, string>(); // run_key → the row as first seen after a kill
  let kills = 0;
  let attempts = 0;
  const delays: number[] = [];
  // Kill moments are drawn up to the time an attempt last took to finish: once a fast machine has
  // completed the sweep, the re-runs (reusing everything) are short, and the kills follow them.
  let maxDelay = 2600;
  while (kills < 20 && attempts < 80) {
    attempts++;
    const started = Date.now();
    const child = spawn(process.execPath, [cli, ...args], { cwd: repoRoot, detached: true, stdio: 'ignore' });
    const exited = new Promise<number | null>((res) => child.on('exit', (code) => res(code)));
    const delay = 100 + Math.random() * (maxDelay - 100);
    const outcome = await Promise.race([exited.then(() => 'exited'), sleep(delay).then(() => 'due')]);
    if (outcome === 'exited') maxDelay = Math.max(200, 0.9 * (Date.now() - started));
    if (outcome === 'due') {
      process.kill(-child.pid!, 'SIGKILL'); // the whole group: CLI, launcher and the run in flight
      await exited;
      kills++;
      delays.push(Math.round(delay));
    }
    // Every other time, look now (which also brings the killed writer's journal in); otherwise
    // leave it to the next attempt to find it.
    if (attempts % 2 === 0 && existsSync(store)) {
      for (const r of await current(store)) {
        const k = String(r.run_key);
        if (!committed.has(k)) committed.set(k, JSON.stringify(r));
      }
    }
  }
  t.diagnostic(`${kills} kills in ${attempts} attempts, after ${delays.join(', ')} ms`);
  assert.ok(kills >= 20, `only ${kills} kills landed in ${attempts} attempts`);

  // The last run, to completion: what it returns is the plan.
  const done = JSON.parse((await wasmlab(args)).stdout) as { rows: Row[] };
  const planned = done.rows.map((r) => String(r.run_key)).sort();
  const runs = (await current(store));
  assert.equal(new Set(planned).size, planned.length, 'every planned run has its own key');
  assert.deepEqual(runs.map((r) => String(r.run_key)), planned, 'the store holds exactly the planned run keys');
  assert.equal(runs.length, 4 * 4 * args[4]!.split(',').length, 'benchmarks × reps × targets');
  const byKey = new Map(runs.map((r) => [String(r.run_key), JSON.stringify(r)]));
  for (const [k, row] of committed) assert.equal(byKey.get(k), row, `run ${k}, committed before a kill, is unchanged`);
  t.diagnostic(`${committed.size} rows seen after kills were checked unchanged`);
  const sweeps = await sqlRows(store, 'SELECT status, count(*)::INTEGER AS n FROM sweeps GROUP BY ALL');
  assert.ok(sweeps.some((s) => s.status === 'killed'), `killed sweeps are marked: ${JSON.stringify(sweeps)}`);
  const left = existsSync(`${store}.journal`) ? readdirSync(`${store}.journal`) : [];
  assert.deepEqual(left, [], 'every journal was brought into the database and removed');
});

test('reuse: a finished sweep run again starts no process and returns the same rows; --fresh measures again', { timeout: 5 * 60_000 }, async (t) => {
  const store = fresh('reuse');
  const log = join(work, `launches-${n++}.log`);
  const args = ['run', '-b', 'gemm,crc32', '-r', await targets(t), '--store', store, '--format', 'json'];
  const env = { ...process.env, WASMLAB_LAUNCH_LOG: log };
  const run = async (extra: string[] = [], reps = '3') => {
    writeFileSync(log, '');
    const { execa } = await import('execa');
    const r = await execa(process.execPath, [cli, ...args, '--reps', reps, ...extra], { cwd: repoRoot, env });
    return { rows: (JSON.parse(r.stdout) as { rows: Row[] }).rows, launched: readFileSync(log, 'utf8').split('\n').filter(Boolean).length, stderr: r.stderr };
  };
  const first = await run();
  assert.ok(first.launched >= first.rows.length, `the first sweep ran its ${first.rows.length} runs (${first.launched} launches)`);
  const again = await run();
  assert.equal(again.launched, 0, 'nothing launched when every run is stored');
  assert.match(again.stderr, new RegExp(`runs: ${first.rows.length} reused, 0 measured`));
  const strip = (rows: Row[]) => rows.map((r) => JSON.stringify({ ...r, outlier: null })).sort();
  assert.deepEqual(strip(again.rows), strip(first.rows), 'the same rows, from the store');
  const more = await run([], '4');
  assert.match(more.stderr, /runs: \d+ reused, \d+ measured/);
  assert.equal(more.rows.length, first.rows.length / 3 * 4);
  const f = await run(['--fresh']);
  assert.ok(f.launched >= f.rows.length, '--fresh launches every run again');
  assert.match(f.stderr, /runs: 0 reused/);
  const counts = await sqlRows(store, 'SELECT superseded, count(*)::INTEGER AS n FROM runs GROUP BY ALL ORDER BY superseded');
  // reps 0-2 measured anew (the old ones kept, superseded); rep 3 of the 4-rep sweep is still current
  assert.deepEqual(counts.map((c) => [c.superseded, c.n]), [[false, more.rows.length], [true, f.rows.length]], 'old rows kept, marked superseded');
  // --resume is the default's explicit spelling, and needs a store
  const r = await wasmlab(['run', '-b', 'gemm', '-r', 'native', '--resume'], { reject: false });
  assert.equal(r.exitCode, 2);
  assert.match(r.stderr, /--resume needs a store/);
});

test('two writers: two sweeps started together on one store both finish with all their rows', { timeout: 5 * 60_000 }, async (t) => {
  const store = fresh('two');
  const tg = await targets(t);
  const a = wasmlab(['run', '-b', 'gemm,crc32', '-r', tg, '--reps', '3', '--store', store, '--format', 'json', '-q']);
  const b = wasmlab(['run', '-b', 'quicksort,sha', '-r', tg, '--reps', '3', '--store', store, '--format', 'json', '-q']);
  const [ra, rb] = await Promise.all([a, b]);
  const rows = [...(JSON.parse(ra.stdout) as { rows: Row[] }).rows, ...(JSON.parse(rb.stdout) as { rows: Row[] }).rows];
  const stored = await current(store);
  assert.deepEqual(stored.map((r) => r.run_key).sort(), rows.map((r) => r.run_key).sort(), 'every row of both sweeps is stored');
  const sweeps = await sqlRows(store, "SELECT count(*)::INTEGER AS n FROM sweeps WHERE status = 'done'");
  assert.equal(sweeps[0]!.n, 2);
});

test('a store held by another process: waits with a message, or fails after --store-wait with one line naming the holder', { timeout: 2 * 60_000 }, async () => {
  const store = fresh('held');
  await new Store(store).flush(); // create it
  const holder = spawn(process.execPath, ['--input-type=module', '-e',
    `import { DuckDBInstance } from '@duckdb/node-api'; const i = await DuckDBInstance.create(${JSON.stringify(store)}); await i.connect(); console.log('held'); setInterval(() => {}, 1000);`],
  { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((res) => holder.stdout.once('data', () => res()));
  const r = await wasmlab(['run', '-b', 'gemm', '-r', 'native', '--reps', '1', '--store', store, '--store-wait', '1'], { reject: false });
  assert.equal(r.exitCode, 2, r.stderr);
  const lines = r.stderr.trim().split('\n');
  assert.match(lines.at(-1)!, new RegExp(`store .* is busy \\(PID ${holder.pid}.*--store-wait`));
  assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
  // Waiting long enough: it says so, then goes on once the holder is gone.
  const waiting = wasmlab(['run', '-b', 'gemm', '-r', 'native', '--reps', '1', '--store', store, '--store-wait', '60']);
  await sleep(3000);
  holder.kill();
  const w = await waiting;
  assert.match(w.stderr, /store busy \(PID \d+.*\), waiting/);
  assert.match(w.stderr, /runs: 0 reused, 1 measured/);
});

test('export to CSV, JSON and Parquet and import into an empty store gives identical rows; a second import adds none', { timeout: 5 * 60_000 }, async (t) => {
  const store = fresh('src');
  await wasmlab(['run', '-b', 'gemm,crc32', '-r', await targets(t), '--reps', '2', '--store', store, '-q']);
  // a failed row too (nulls, a reason): a benchmark without the size asked
  await wasmlab(['run', '-b', 'gemm', '-r', 'native', '--reps', '1', '--size', 'nonesuch', '--store', store, '-q'], { reject: false });
  const original = await current(store);
  assert.ok(original.length >= 8);
  for (const format of ['csv', 'json', 'parquet']) {
    const file = join(work, `runs-${n++}.${format}`);
    await wasmlab(['export', '--store', store, '--out', file]);
    const target = fresh(`into-${format}`);
    const first = await wasmlab(['import', '--store', target, file]);
    assert.match(first.stdout, new RegExp(`${original.length} runs added, 0 already`));
    assert.deepEqual(await current(target), original, `${format}: every column of every row`);
    const second = await wasmlab(['import', '--store', target, file]);
    assert.match(second.stdout, new RegExp(`0 runs added, ${original.length} already in the store`));
  }
  // `wasmlab run --format csv` output imports too
  const csv = join(work, 'run.csv');
  await wasmlab(['run', '-b', 'crc32', '-r', 'native', '--reps', '2', '--format', 'csv', '--out', csv, '-q']);
  const target = fresh('from-run');
  assert.match((await wasmlab(['import', '--store', target, csv])).stdout, /2 runs added/);
  const back = await current(target);
  assert.equal(back[0]!.reason, '', 'an empty reason stays an empty string');
  assert.equal(back[0]!.signal, null, 'a null stays null');
});

test('a file of the wrong shape is refused naming the file and the first bad column', async () => {
  const target = fresh('bad');
  const bad = join(work, 'bad.csv');
  writeFileSync(bad, 'sweep_id,benchmark,size\nx,y,z\n');
  let r = await wasmlab(['import', '--store', target, bad], { reject: false });
  assert.equal(r.exitCode, 2);
  assert.match(r.stderr, new RegExp(`${bad.replace(/[.]/g, '\\.')}: column "opt" is missing`));
  const typed = join(work, 'typed.csv');
  const header = RECORD_COLUMNS.join(',');
  writeFileSync(typed, `${header}\n${RECORD_COLUMNS.map((c) => (c === 'rep' ? 'three' : c === 'aot' ? 'false' : '')).join(',')}\n`);
  r = await wasmlab(['import', '--store', target, typed], { reject: false });
  assert.match(r.stderr, /column "rep" has 1 value\(s\) that are not INTEGER/);
  r = await wasmlab(['import', '--store', target, join(work, 'nope.csv')], { reject: false });
  assert.match(r.stderr, /nope\.csv: no such file/);
});

test('schema: an older store is migrated (missing columns added), a newer one refused with what to do', async () => {
  const old = fresh('old');
  let inst = await DuckDBInstance.create(old);
  let c = await inst.connect();
  await c.run('CREATE TABLE runs (sweep_id VARCHAR, benchmark VARCHAR, run_key VARCHAR)');
  await c.run("INSERT INTO runs VALUES ('s', 'polybench/gemm', 'abc-0')");
  c.closeSync(); inst.closeSync();
  const rows = await sqlRows(old, 'SELECT benchmark, host_id, superseded FROM runs');
  assert.deepEqual(rows, [{ benchmark: 'polybench/gemm', host_id: null, superseded: false }]);
  const v = await sqlRows(old, "SELECT value FROM meta WHERE key = 'schema_version'");
  assert.equal(v[0]!.value, String(SCHEMA_VERSION));

  const newer = fresh('newer');
  inst = await DuckDBInstance.create(newer);
  c = await inst.connect();
  await c.run(`CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR); INSERT INTO meta VALUES ('schema_version', '${SCHEMA_VERSION + 1}')`);
  c.closeSync(); inst.closeSync();
  const r = await wasmlab(['sql', '--store', newer, 'SELECT 1'], { reject: false });
  assert.equal(r.exitCode, 2);
  assert.match(r.stderr, /written by a newer wasmlab .*update wasmlab/);
});

test('wasmlab sql answers a GROUP BY; a bad query is one line', async (t) => {
  const store = fresh('sql');
  await wasmlab(['run', '-b', 'gemm,crc32', '-r', await targets(t), '--reps', '2', '--store', store, '-q']);
  const rows = await sqlRows(store, 'SELECT benchmark, count(*) AS n FROM runs GROUP BY benchmark ORDER BY benchmark');
  assert.deepEqual(rows.map((r) => r.benchmark), ['mibench/crc32', 'polybench/gemm']);
  assert.equal(typeof rows[0]!.n, 'number', 'count(*) comes back as a number, not a BigInt');
  const csv = await wasmlab(['sql', '--store', store, '--format', 'csv', 'SELECT count(*) AS n FROM runs']);
  assert.match(csv.stdout, /^n\n\d+$/);
  const bad = await wasmlab(['sql', '--store', store, 'SELEC nothing'], { reject: false });
  assert.equal(bad.exitCode, 2);
  assert.equal(bad.stderr.trim().split('\n').length, 1, bad.stderr);
  assert.match(bad.stderr, /Parser Error/);
  const sweeps = await wasmlab(['sweeps', '--store', store]);
  assert.match(sweeps.stdout, /polybench\/gemm,mibench\/crc32 ×/);
  // wasmlab report reads a store too, and says the same as on the exported rows
  const csvFile = join(work, `report-${n++}.csv`);
  await wasmlab(['export', '--store', store, '--out', csvFile]);
  const fromStore = (await wasmlab(['report', '--store', store, '--format', 'json'])).stdout;
  assert.equal(fromStore, (await wasmlab(['report', '--in', csvFile, '--format', 'json'])).stdout);
  const only = JSON.parse((await wasmlab(['report', '--store', store, '--where', "benchmark = 'polybench/gemm'", '--format', 'json'])).stdout) as { rows: number };
  assert.equal(only.rows, rows.find((r) => r.benchmark === 'polybench/gemm')!.n);
});
