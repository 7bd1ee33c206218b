/** The native launcher, for real: timing, exit codes, signals, timeouts, stdin/cwd, MRSS. */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { launch, LaunchSession } from '../src/measure/launch.js';

const dir = mkdtempSync(join(tmpdir(), 'wasmlab-launch-'));
const io = { cwd: dir, stdout: join(dir, 'out'), stderr: join(dir, 'err') };

test('reports wall time, exit code and the child rusage', async () => {
  const r = await launch({ ...io, argv: ['sh', '-c', 'sleep 0.2; exit 7'] });
  assert.equal(r.exit_code, 7);
  assert.equal(r.signal, null);
  assert.ok(r.wall_s! >= 0.2 && r.wall_s! < 5, `wall ${r.wall_s}`);
  assert.ok(r.maxrss_kb! > 0);
});

test('names the signal that killed the child', async () => {
  const r = await launch({ ...io, argv: ['sh', '-c', 'kill -SEGV $$'] });
  assert.equal(r.exit_code, null);
  assert.equal(r.signal, 'SIGSEGV');
});

test('kills a run at its timeout', async () => {
  const r = await launch({ ...io, argv: ['sleep', '30'], timeoutS: 0.3 });
  assert.equal(r.timed_out, true);
  assert.ok(r.wall_s! < 5);
});

test('feeds stdin from a file, runs in cwd, captures stdout', async () => {
  writeFileSync(join(dir, 'in.txt'), 'hello launcher\n');
  const r = await launch({ ...io, stdin: join(dir, 'in.txt'), argv: ['sh', '-c', 'pwd; cat'] });
  assert.equal(r.exit_code, 0);
  assert.equal(readFileSync(io.stdout, 'utf8'), `${dir}\nhello launcher\n`);
});

test('a missing program is a start error, not a crash', async () => {
  const r = await launch({ ...io, argv: ['/nonexistent/program'] });
  assert.match(r.start_error ?? '', /cannot start.*No such file/);
});

test('maximum RSS is the child\'s and grows with what it allocates', async () => {
  const small = await launch({ ...io, argv: [process.execPath, '-e', 'globalThis.b = Buffer.alloc(8 << 20, 1)'] });
  const big = await launch({ ...io, argv: [process.execPath, '-e', 'globalThis.b = Buffer.alloc(200 << 20, 1)'] });
  assert.ok(big.maxrss_kb! - small.maxrss_kb! > 150 * 1024, `small ${small.maxrss_kb} KiB, big ${big.maxrss_kb} KiB`);
});

test('abort kills the child within a second', async () => {
  const ac = new AbortController();
  const t0 = Date.now();
  setTimeout(() => ac.abort(), 300);
  const r = await launch({ ...io, argv: ['sleep', '30'], signal: ac.signal });
  assert.equal(r.cancelled, true);
  assert.ok(Date.now() - t0 < 1800, `took ${Date.now() - t0} ms`);
});

test('a resident launcher runs many commands, passes env, survives an abort', async () => {
  const s = new LaunchSession();
  try {
    const a = await s.launch({ ...io, argv: ['sh', '-c', 'echo "$WL_X"; exit 4'], env: { WL_X: 'from env' } });
    assert.equal(a.exit_code, 4);
    assert.equal(readFileSync(io.stdout, 'utf8'), 'from env\n');
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 300);
    const t0 = Date.now();
    const b = await s.launch({ ...io, argv: ['sleep', '30'], signal: ac.signal });
    assert.equal(b.cancelled, true);
    assert.ok(Date.now() - t0 < 1800);
    const c = await s.launch({ ...io, argv: ['true'] });
    assert.equal(c.exit_code, 0, 'a new launcher takes over after the abort');
    const missing = await s.launch({ ...io, argv: ['/nonexistent/program'] });
    assert.match(missing.start_error ?? '', /cannot start/);
  } finally {
    s.close();
  }
});

test('software counters come through perf_event_open on every run, no PMU needed', async () => {
  // The launcher's perf path (open, enable at exec, read, scale) ran nowhere before: hardware
  // counters need a PMU these VMs lack. The kernel's software events need none.
  const r = await launch({ ...io, argv: [process.execPath, '-e', 'globalThis.b = Buffer.alloc(32 << 20, 1)'] });
  assert.equal(r.exit_code, 0);
  assert.equal(r.software_error, null, `refused: ${r.software_error}`);
  const s = r.software!;
  // 32 MiB touched is ≥ 8192 pages: each a fault, whatever the page cache holds.
  assert.ok(s.page_faults! > 8000, `page faults ${s.page_faults}`);
  assert.ok(s.major_faults! >= 0 && s.major_faults! <= s.page_faults!, `major ${s.major_faults}`);
  assert.ok(s.context_switches! > 0, `Node's threads switch: ${s.context_switches}`);
  assert.ok(s.cpu_migrations! >= 0);
  // task clock ≈ the child's CPU time (rusage): the counts are the child's, not the launcher's.
  const cpu = r.user_s! + r.sys_s!;
  assert.ok(s.task_clock_ns! / 1e9 > 0.5 * cpu && s.task_clock_ns! / 1e9 < 2 * cpu + 0.01, `task clock ${s.task_clock_ns} ns, rusage ${cpu} s`);
});

test('software counters count only the program: a tiny one has few faults, a fresh count each run', async () => {
  const s = new LaunchSession();
  try {
    const small = await s.launch({ ...io, argv: ['true'] });
    const big = await s.launch({ ...io, argv: [process.execPath, '-e', 'globalThis.b = Buffer.alloc(64 << 20, 1)'] });
    const again = await s.launch({ ...io, argv: ['true'] });
    assert.ok(small.software!.page_faults! > 0 && small.software!.page_faults! < 2000, `true: ${small.software!.page_faults}`);
    assert.ok(big.software!.page_faults! > 16000, `64 MiB: ${big.software!.page_faults}`);
    assert.ok(Math.abs(again.software!.page_faults! - small.software!.page_faults!) < 200, 'counts do not carry over between runs');
    const off = await s.launch({ ...io, argv: ['true'], software: false });
    assert.equal(off.software, null);
  } finally {
    s.close();
  }
});

test('a launcher built before --sw still measures: runs go on without software counts, saying why', async () => {
  // The cache's wl-launch link is shared by every clone (the last to run setup wins): an older
  // build must not make every run fail to start. An old build is provoked here by a real
  // launcher behind a wrapper that rejects --sw the way an old one does.
  const dir2 = mkdtempSync(join(tmpdir(), 'wasmlab-oldlauncher-'));
  const { launcherPath } = await import('../src/measure/launch.js');
  const real = launcherPath();
  const old = join(dir2, 'wl-launch');
  writeFileSync(old, `#!/bin/sh\nfor a in "$@"; do [ "$a" = --sw ] && { echo '{"error":"bad request","errno":"usage: wl-launch [--perf] [--mem-limit BYTES]"}'; exit 2; }; [ "$a" = -- ] && break; done\nexec ${real} "$@"\n`, { mode: 0o755 });
  const saved = process.env.WASMLAB_LAUNCHER;
  process.env.WASMLAB_LAUNCHER = old;
  try {
    const { launch: launchFresh } = await import(`../src/measure/launch.js?old=${Date.now()}`);
    const r = await launchFresh({ ...io, argv: ['sh', '-c', 'exit 3'] });
    assert.equal(r.start_error, null);
    assert.equal(r.exit_code, 3);
    assert.equal(r.software, null);
    assert.match(r.software_error ?? '', /predates --sw/);
  } finally {
    if (saved === undefined) delete process.env.WASMLAB_LAUNCHER;
    else process.env.WASMLAB_LAUNCHER = saved;
  }
});
