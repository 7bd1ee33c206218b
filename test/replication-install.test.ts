/**
 * Issue 30: `wasmlab repro` installs a runtime version its bundle's plan names and this machine
 * lacks, as `wasmlab runtime add` does. The bundle is made in the real cache, where wazero@v1.9.0
 * is installed; repro then runs under a fresh WASMLAB_CACHE (the launcher taken from the real
 * one), where it is not, so nothing installed is touched: `--dry-run` says what it would install
 * and at what cost and installs and launches nothing; without it the version is built into the
 * temporary cache (the Go module, ~40 s cold) and the plan measured. A version the Go module
 * proxy does not serve is refused in one line before any run.
 */
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { execa } from 'execa';
import { cli } from './helpers.js';
import { binDir, repoRoot } from '../src/paths.js';
import { readStatus, versionDir } from '../src/runtimes/versions/installed.js';

const VERSION = 'v1.9.0';
const TARGET = `wazero@${VERSION}:compiler`;
const work = mkdtempSync(join(tmpdir(), 'wasmlab-repro-install-'));
const cache = join(work, 'cache');
const wl = (args: string[], env: Record<string, string> = {}) => execa(process.execPath, [cli, ...args], { reject: false, cwd: repoRoot, env: { ...process.env, ...env } });
const launched = (log: string) => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n').filter(Boolean) : []);
/** repro under the temporary cache: the real cache's launcher, nothing else of it. */
const here = (log: string) => ({ WASMLAB_CACHE: cache, WASMLAB_LAUNCHER: join(binDir, 'wl-launch'), WASMLAB_LAUNCH_LOG: log });

async function whySkip(): Promise<string | null> {
  if (readStatus('wazero', VERSION)?.modes.compiler?.ok !== true) return `${TARGET} is not installed in the real cache (wasmlab runtime add wazero@${VERSION}): the bundle needs it`;
  const go = await execa('go', ['list', '-m', '-json', `github.com/tetratelabs/wazero@${VERSION}`], { reject: false, timeout: 120_000 });
  if (go.exitCode !== 0) return `Go module proxy unreachable or go missing (${(go.stderr || String(go.exitCode)).trim().split('\n').pop()})`;
  return null;
}

test('repro installs a planned version it lacks (--dry-run only says so); an unservable one is refused before any run', { timeout: 900_000 }, async (t) => {
  const why = await whySkip();
  if (why) { t.diagnostic(`SKIPPED: ${why}`); t.skip(why); return; }
  const realStatus = join(versionDir('wazero', VERSION), 'status.json');
  const realMtime = statSync(realStatus).mtimeMs;
  const a = join(work, 'A.duckdb'), bundle = join(work, 'bundle');
  const run = await wl(['run', '-b', 'gemm,crc32', '-r', `native,${TARGET}`, '--size', 'mini', '--reps', '2', '--store', a, '--format', 'json']);
  assert.equal(run.exitCode, 0, run.stderr);
  assert.equal((await wl(['publish', '--bundle', bundle, '--store', a])).exitCode, 0);

  // --dry-run: the install line with its cost, the plan; nothing installed, nothing launched.
  const dryLog = join(work, 'dry.log');
  const dry = await wl(['repro', bundle, '--dry-run'], here(dryLog));
  assert.equal(dry.exitCode, 0, dry.stderr);
  assert.match(dry.stderr, /^would install wazero@v1\.9\.0 \(the Go module, built here\): ~[\d.]+ (s|min)$/m);
  assert.match(dry.stderr, /plan [0-9a-f]+: 8 runs .*, plus ~[\d.]+ (s|min) to install wazero@v1\.9\.0$/m);
  assert.equal(dry.stdout.trim().split('\n').length, 8, dry.stdout);
  assert.deepEqual(launched(dryLog), [], 'a dry run launches nothing');
  assert.ok(!existsSync(join(cache, 'runtimes', 'wazero', VERSION)), 'a dry run installs nothing');

  // The real thing: installed into the temporary cache, then the plan's 8 runs measured.
  const runLog = join(work, 'run.log'), r = join(work, 'R.duckdb');
  const rep = await wl(['repro', bundle, '--store', r, '--format', 'json'], here(runLog));
  assert.ok(rep.exitCode === 0 || rep.exitCode === 3, rep.stderr);
  assert.match(rep.stderr, /^installs wazero@v1\.9\.0 \(the Go module, built here\)/m);
  const installed = JSON.parse(readFileSync(join(cache, 'runtimes', 'wazero', VERSION, 'status.json'), 'utf8')) as { ok: boolean; modes: Record<string, { ok: boolean }>; version_line: string };
  assert.equal(installed.modes.compiler?.ok, true, 'installed and smoke-tested in the temporary cache');
  assert.equal(installed.version_line, `wazero ${VERSION}`);
  assert.deepEqual((JSON.parse(rep.stdout) as { rows: { target: string; n_paired: number }[] }).rows.map((x) => [x.target, x.n_paired]), [[TARGET, 2]]);
  const n = await wl(['sql', '--store', r, 'SELECT count(*)::INT AS n FROM runs', '--format', 'json']);
  assert.equal((JSON.parse(n.stdout) as { n: number }[])[0]!.n, 8, 'measured exactly the plan');
  assert.ok(launched(runLog).some((l) => l.includes(join(cache, 'runtimes', 'wazero'))), 'ran the version it installed');
  assert.equal(statSync(realStatus).mtimeMs, realMtime, 'the real cache\'s wazero was not touched');

  // A version the registry does not serve: refused in one line, nothing launched, no store.
  const bad = join(work, 'bad');
  cpSync(bundle, bad, { recursive: true });
  writeFileSync(join(bad, 'plan.json'), readFileSync(join(bundle, 'plan.json'), 'utf8').replaceAll(VERSION, 'v0.0.99'));
  const badLog = join(work, 'bad.log');
  const refused = await wl(['repro', bad, '--store', join(work, 'never.duckdb')], here(badLog));
  assert.equal(refused.exitCode, 2, refused.stderr);
  const last = refused.stderr.trim().split('\n').pop()!;
  assert.match(last, /^wasmlab: cannot replicate plan [0-9a-f]+ here: wazero@v0\.0\.99 cannot be had \(install failed: .+\)$/);
  assert.deepEqual(launched(badLog), [], 'refused before launching anything');
  assert.ok(!existsSync(join(work, 'never.duckdb')), 'no store made');
});
