// `wasmlab report`: reading back `run --format csv` rows with their types, the CLI's table,
// markdown and JSON (the JSON is report()'s object: one code path), usage errors, and a real
// sweep of three benchmarks × four targets × five reps (issue 15, acceptance 3).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { syntheticRows } from '../src/analysis/synthetic.js';
import { report } from '../src/analysis/report.js';
import { rowsFromCsv, parseCsv } from '../src/export/csv.js';
import { toCsv } from '../src/export/csv.js';
import { RECORD_COLUMNS, type RunRecord } from '../src/record.js';
import { availableTargets, wasmlab } from './helpers.js';

const work = mkdtempSync(join(tmpdir(), 'wasmlab-report-test-'));

/** Synthetic rows as full RunRecords (every column; null where the generator has none). */
function records(): RunRecord[] {
  return syntheticRows({ benchmarks: 5, reps: 6 }).map((r, i) => ({
    ...Object.fromEntries(RECORD_COLUMNS.map((c) => [c, null])), ...r,
    signal: i === 3 ? 'SIGSEGV' : null, reason: i === 4 ? 'said "no", then, stopped\nhere' : '', compiler_version: 'clang 19', cflags: '-O2', argv: '["a","b"]',
    artifact_sha256: 'ab', artifact_bytes: 1234, timestamp: '2026-12-01T00:00:00Z', exit_code: 0, user_s: 0.1 + 0.2,
  }) as unknown as RunRecord);
}

test('CSV written by run --format csv reads back with its types (numbers, booleans, nulls, quoted text)', () => {
  const recs = records();
  recs[0]!.status = 'crashed'; recs[0]!.kernel_s = null; recs[0]!.output_ok = null;
  const back = rowsFromCsv(toCsv(recs));
  assert.equal(back.length, recs.length);
  assert.deepEqual(back[0], { ...recs[0] }, 'first row, field by field');
  assert.deepEqual(back, recs.map((r) => ({ ...r })));
  assert.equal(typeof back[1]!.aot, 'boolean');
  assert.equal(back[1]!.user_s, 0.1 + 0.2, 'shortest round-trip number text');
  assert.deepEqual(parseCsv('a,"b,""c""\nd",e\r\n1,,""\n'), [['a', 'b,"c"\nd', 'e'], ['1', null, '']], 'empty is null, "" is the empty string');
});

test('report CLI: table, markdown and JSON from CSV and JSON rows; JSON equals report()', async () => {
  const recs = records();
  recs[2]!.status = 'timeout'; recs[2]!.reason = 'after 60 s';
  const csv = join(work, 'rows.csv');
  writeFileSync(csv, toCsv(recs));
  const json = join(work, 'rows.json');
  writeFileSync(json, JSON.stringify({ sweep: null, rows: recs }));
  const expected = JSON.parse(JSON.stringify(report(rowsFromCsv(readFileSync(csv, 'utf8')), { baseline: 'native', metric: 'kernel_s' })));
  for (const file of [csv, json]) {
    const out = await wasmlab(['report', '--in', file, '--format', 'json']);
    assert.deepEqual(JSON.parse(out.stdout), expected, file);
  }
  const table = (await wasmlab(['report', '--in', csv])).stdout;
  assert.match(table, /^kernel_s: ratio of medians over native/);
  assert.match(table, /^wasm3\s+\d+\.\d\s+\d+\.\d–\d+\.\d\s+5\s/m, table);
  assert.match(table, /wasm3 is [\d.]+× \[[\d.]+–[\d.]+\] slower than native \(geomean, 95% CI\); slower on \d of 5 benchmarks \(BH q < 0\.05\), Wilcoxon p = 0\.06 \(5 benchmarks: too few for p < 0\.05\)/);
  assert.match(table, /excluded: 1 failed run\(s\), 0 unusable value\(s\) of 180 rows \(1× timeout: after 60 s\)/);
  const per = (await wasmlab(['report', '--in', csv, '--per-benchmark'])).stdout;
  const w3 = expected.comparisons.find((c: { subject: string; benchmark: string }) => c.subject === 'wasm3' && c.benchmark === 'synthetic/b00');
  assert.match(per, new RegExp(`^synthetic/b00 small O2 .*${w3.ratio.toFixed(1)} \\[${w3.ci_low.toFixed(1)}–${w3.ci_high.toFixed(1)}\\]`, 'm'), per);
  const md = (await wasmlab(['report', '--in', csv, '--format', 'markdown', '--baseline', 'no-aot'])).stdout;
  assert.match(md, /^\| target \| geomean × \| 95% CI \|/m);
  assert.match(md, /^\| wasmtime:cranelift\+aot \| /m);
  assert.match(md, /^- (no significant difference between wasmtime:cranelift\+aot and wasmtime:cranelift|wasmtime:cranelift\+aot is )/m);
  const wall = JSON.parse((await wasmlab(['report', '--in', csv, '--format', 'json', '--metric', 'wall_s', '--seed', '5', '--resamples', '300'])).stdout);
  assert.equal(wall.metric, 'wall_s');
  assert.equal(wall.geomeans[0].resamples, 0, 'below 10 benchmarks the t interval: --resamples has nothing to resample');
  assert.match(wall.geomeans[0].method, /^t \(5 benchmarks/);
  assert.equal(wall.geomeans[0].seed, 5);
});

test('report CLI: usage errors are one line, exit 2', async () => {
  const csv = join(work, 'rows2.csv');
  writeFileSync(csv, toCsv(records()));
  const amb = await wasmlab(['report', '--in', csv, '--baseline', 'wasmer'], { reject: false });
  assert.equal(amb.exitCode, 2);
  assert.equal(amb.stderr.trim(), 'wasmlab: baseline "wasmer" is ambiguous: the rows have wasmer:llvm, wasmer:singlepass; name one of them');
  const none = await wasmlab(['report'], { reject: false });
  assert.equal(none.exitCode, 2);
  assert.match(none.stderr, /no rows: give --in FILE/);
  const fmt = await wasmlab(['report', '--in', csv, '--format', 'xml'], { reject: false });
  assert.equal(fmt.exitCode, 2);
});

test('acceptance 3: report on a real sweep (3 benchmarks × 4 targets × 5 reps)', { timeout: 20 * 60_000 }, async (t) => {
  const targets = await availableTargets(t, ['native', 'wasmtime:cranelift', 'wasm3', 'wamr:interp']);
  assert.ok(targets.includes('native') && targets.length >= 2, `too few targets here: ${targets.join()}`);
  const csv = join(work, 'sweep.csv');
  await wasmlab(['run', '--bench', 'gemm,crc32,quicksort', '-r', targets.join(','), '--reps', '5', '--format', 'csv', '--out', csv, '-q']);
  const rows = rowsFromCsv(readFileSync(csv, 'utf8'));
  assert.equal(rows.length, 3 * targets.length * 5);
  const table = (await wasmlab(['report', '--in', csv])).stdout;
  t.diagnostic(table);
  for (const target of targets.filter((x) => x !== 'native')) {
    assert.match(table, new RegExp(`^${target}\\s+[\\d.]+\\s+[\\d.]+–[\\d.]+\\s+3\\s`, 'm'), `${target} row`);
    assert.match(table, new RegExp(`^  (${target} is [\\d.]+× \\[[\\d.]+–[\\d.]+\\] (faster|slower) than native|no significant difference between ${target} and native)`, 'm'), `${target} verdict`);
  }
  assert.match(table, /^excluded: \d+ failed run\(s\)/m);
  const json = JSON.parse((await wasmlab(['report', '--in', csv, '--format', 'json'])).stdout);
  assert.deepEqual(json, JSON.parse(JSON.stringify(report(rows))), 'the JSON is report() on the same rows');
  assert.equal(json.comparisons.length + json.missing.length, 3 * (targets.length - 1));
});
