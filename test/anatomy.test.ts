/**
 * Anatomy of a run (issue 29), for real: software counters on every plain run, and --trace
 * syscalls on the I/O-heavy applications (strace, WASI call counts), with the timed runs untraced.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { execa } from 'execa';
import type { RunRecord } from '../src/record.js';
import { parseStraceSummary, parseWasmtimeWasiLog, WAIT_CALLS } from '../src/measure/counters/trace.js';
import { availableTargets, cli, doctor } from './helpers.js';
import { ipynbOutputs, joined } from './notebook-helpers.js';
import { repoRoot } from '../src/paths.js';

const dir = mkdtempSync(join(tmpdir(), 'wasmlab-anatomy-'));

async function rowsOf(args: string[], env: NodeJS.ProcessEnv = {}): Promise<RunRecord[]> {
  const r = await execa(process.execPath, [cli, 'run', ...args, '-f', 'json'], { cwd: repoRoot, env: { ...process.env, ...env }, maxBuffer: 64 << 20 });
  return (JSON.parse(r.stdout) as { rows: RunRecord[] }).rows;
}

test("strace's summary parses, and waits are left out of syscall_s", async () => {
  const log = join(dir, 'strace.txt');
  await execa('strace', ['-c', '-w', '-f', '-o', log, '--', 'sh', '-c', 'ls / >/dev/null; sleep 0.05']);
  const s = parseStraceSummary(readFileSync(log, 'utf8'));
  assert.ok(s.calls > 20, `calls ${s.calls}`);
  assert.ok(s.seconds > 0, 'time inside non-waiting calls');
  const waits = s.top.filter(([n]) => WAIT_CALLS.has(n)).reduce((a, [, , t]) => a + t, 0);
  assert.ok(waits >= 0.04, `sh waits for sleep (wait4) and sleep sleeps: ${JSON.stringify(s.top)}`);
  assert.ok(s.seconds < 0.04, `the 50 ms of waiting is not in syscall_s (${s.seconds})`);
  assert.throws(() => parseStraceSummary('strace: exec: No such file or directory\n'), /no summary/);
});

test("Wasmtime's WASI trace log counts one per call (proc_exit, which never returns, too)", () => {
  const log = [
    '2026-12-06T21:11:16Z TRACE wiggle abi{module="wasi_snapshot_preview1" function="fd_write"}: wasmtime_wasi::p1::wasi_snapshot_preview1: fd=Fd(1) iovs=*guest 0x1/2',
    '2026-12-06T21:11:16Z TRACE wiggle abi{module="wasi_snapshot_preview1" function="fd_write"}: wasmtime_wasi::p1::wasi_snapshot_preview1: result=Ok(4)',
    '2026-12-06T21:11:16Z TRACE wiggle abi{module="wasi_snapshot_preview1" function="fd_write"}: wasmtime_wasi::p1::wasi_snapshot_preview1: fd=Fd(1) iovs=*guest 0x1/2',
    '2026-12-06T21:11:16Z TRACE wiggle abi{module="wasi_snapshot_preview1" function="fd_write"}: wasmtime_wasi::p1::wasi_snapshot_preview1: result=Ok(1)',
    '2026-12-06T21:11:16Z TRACE wiggle abi{module="wasi_snapshot_preview1" function="proc_exit"}: wasmtime_wasi::p1::wasi_snapshot_preview1: rval=0',
    'the program\'s own stderr line',
  ].join('\n');
  assert.deepEqual(parseWasmtimeWasiLog(log), { fd_write: 2, proc_exit: 1 });
});

test('a plain run carries page faults and context switches from the launcher, on every runtime here', async (t) => {
  const rows = await rowsOf(['-b', 'gemm', '-r', 'all', '--size', 'mini', '-n', '1', '-w', '0']);
  const ok = rows.filter((r) => r.status === 'ok');
  const ids = (await doctor()).filter((r) => r.available && r.id).map((r) => r.id);
  t.diagnostic(`${ok.length} ok rows of ${rows.length}; available: ${ids.join(', ')}`);
  assert.ok(ok.length >= 2, 'native and at least one runtime ran');
  for (const r of ok) {
    const who = `${r.runtime}:${r.mode}`;
    assert.ok(r.page_faults! > 0, `${who}: page_faults ${r.page_faults} (${r.counter_note})`);
    assert.ok(r.context_switches !== null && r.context_switches >= 0, `${who}: context_switches ${r.context_switches}`);
    assert.ok(r.major_faults !== null && r.major_faults <= r.page_faults!, `${who}: major_faults ${r.major_faults}`);
    assert.ok(r.cpu_migrations !== null, `${who}: cpu_migrations`);
    assert.equal(r.trace_source, '', 'not traced');
    assert.equal(r.syscalls, null);
  }
  // A JIT runtime starts threads (compiler, GC): they switch.
  const wasmtime = ok.find((r) => r.runtime === 'wasmtime');
  if (wasmtime) assert.ok(wasmtime.context_switches! > 0, `wasmtime context switches ${wasmtime.context_switches}`);
});

test('--trace syscalls on the I/O-heavy applications: syscall counts and time, WASI calls or the reason; timed runs untraced', async (t) => {
  const targets = ['native', ...(await availableTargets(t, ['wasmtime:cranelift', 'node:turbofan', 'wasm3']))];
  const launches = join(dir, 'launches.jsonl');
  const rows = await rowsOf(['-b', 'bzip2,zstd,sqlite', '-r', targets.join(','), '--trace', 'syscalls', '--size', 'mini', '-n', '1', '-w', '0'],
    { WASMLAB_LAUNCH_LOG: launches });
  const ok = rows.filter((r) => r.status === 'ok');
  assert.equal(ok.length, 3 * targets.length, rows.filter((r) => r.status !== 'ok').map((r) => `${r.benchmark} ${r.runtime}: ${r.reason}`).join('\n'));
  for (const r of ok) {
    const who = `${r.benchmark} ${r.runtime}:${r.mode}`;
    assert.equal(r.trace_source, 'strace', who);
    assert.ok(r.syscalls! > 0 && r.syscall_s! > 0, `${who}: ${r.syscalls} calls, ${r.syscall_s} s (${r.trace_note})`);
    assert.ok(JSON.parse(r.top_syscalls).length > 0, who);
    assert.ok(!r.argv.includes('strace'), `${who}: the row's argv is the timed run's`);
    if (r.runtime === 'wasmtime' || r.runtime === 'node') {
      assert.ok(r.wasi_calls! > 0, `${who}: wasi_calls ${r.wasi_calls} (${r.trace_note})`);
      const top = JSON.parse(r.top_wasi_calls) as [string, number][];
      assert.ok(top.some(([n]) => n === 'fd_write' || n === 'fd_read'), `${who}: ${r.top_wasi_calls}`);
    } else {
      assert.equal(r.wasi_calls, null, `${who}: never a zero`);
      assert.match(r.trace_note, /no WASI counts: /, who);
    }
  }
  // Every launch: the timed ones carry no tracer, and each timed run has its traced twin.
  const argvs = readFileSync(launches, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as string[]);
  const traced = argvs.filter((a) => a.some((x) => x.endsWith('strace')));
  const timed = ok.map((r) => JSON.parse(r.argv) as string[]);
  for (const a of timed) assert.ok(!a.some((x) => x.endsWith('strace')) && !a.includes('-c'), `timed argv untraced: ${a.join(' ')}`);
  assert.equal(traced.length, ok.length, 'one traced run per measured run');
});

test('notebook 13-anatomy runs in quick mode on the real kernel: no error cell, a verdict computed from the rows', { timeout: 20 * 60_000 }, async () => {
  const out = mkdtempSync(join(tmpdir(), 'wasmlab-nb13-'));
  const r = await execa(process.execPath, [cli, 'notebook', 'run', '13-anatomy', '--quick', '--out', out], { cwd: repoRoot, reject: false, all: true });
  assert.equal(r.exitCode, 0, r.all);
  assert.match(r.all ?? '', /13-anatomy\.ipynb: ok/);
  const outputs = ipynbOutputs(join(out, '13-anatomy.ipynb'));
  assert.deepEqual(outputs.filter((o) => o.output_type === 'error'), []);
  const text = outputs.map((o) => joined(o.text)).join('');
  assert.match(text, /Verdict: .*spends [\d.]+× native's time in system calls/);
  assert.match(text, /Before the program does anything, \S+ holds [\d.]+ MiB/);
  assert.match(text, /traced rows, [1-9]\d* with WASI counts/);
});
