/**
 * Is SIMD128 supported by a runtime mode? Found by running the probe module (a few v128
 * instructions of several families, src/toolchain/probes/simd128.c), not assumed from a table:
 * once per runtime, mode, AOT or not, installed version and probe build, the answer kept in the
 * cache folder (`probes/simd128/*.json`). The probe runs through the adapter's own command (and
 * its AOT compiler for AOT targets), exactly as a benchmark would.
 *
 * Supported: it exited 0 and printed the expected line. Unsupported: a definite failure (a
 * refused module, a trap, a crash, a wrong line, an AOT compile error), cached with its message.
 * Undecided (null): it could not be started, timed out or was cancelled — not cached, and the
 * caller runs the benchmark, whose own row then says what happened.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cacheDir } from '../paths.js';
import type { RuntimeAdapter } from '../runtimes/adapter.js';
import { ADAPTERS, detectMode, modeId } from '../runtimes/registry.js';
import { buildProbe, SIMD_PROBE } from '../toolchain/probe-module.js';
import { aotCompile } from './aot.js';
import { stderrTail, trapLine } from './execute.js';
import { launch } from './launch.js';

export interface SimdSupport {
  /** true: runs SIMD128 correctly; false: does not (see message); null: the probe could not decide. */
  supported: boolean | null;
  message: string;
  runtime: string;
  mode: string;
  aot: boolean;
  version: string;
  /** When it was probed (ISO 8601); cached answers keep the time of the probe. */
  probed_at: string;
  cached: boolean;
}

const PROBE_TIMEOUT_S = 120;

function readable(path: string): string {
  return existsSync(path) ? readFileSync(path, 'utf8') : '';
}

/** Why the probe failed, in one line: the runtime's trap or error line, else the end of its stderr. */
function failure(stderr: string, what: string): string {
  return `${what}: ${trapLine(stderr) ?? (stderrTail(stderr) || 'no output')}`;
}

/** Probe (or look up) one runtime mode's SIMD128 support. `version` is the detected version string. */
export function probeSimd(
  adapter: RuntimeAdapter, mode: string, aot: boolean, version: string, signal?: AbortSignal,
): Promise<SimdSupport> {
  // Once per process too: a sweep asks for every benchmark and -O level.
  const memo = JSON.stringify([adapter.name, mode, aot, version]);
  let p = asked.get(memo);
  if (!p) {
    p = probeOnce(adapter, mode, aot, version, signal);
    asked.set(memo, p);
    // An undecided answer may be asked again later (the next sweep, a quieter machine).
    void p.then((r) => { if (r.supported === null) asked.delete(memo); }, () => asked.delete(memo));
  }
  return p;
}

const asked = new Map<string, Promise<SimdSupport>>();

async function probeOnce(
  adapter: RuntimeAdapter, mode: string, aot: boolean, version: string, signal?: AbortSignal,
): Promise<SimdSupport> {
  const probe = await buildProbe(SIMD_PROBE);
  const base = { runtime: adapter.name, mode, aot, version };
  const key = createHash('sha256').update(JSON.stringify([adapter.name, mode, aot, version, probe.sha256])).digest('hex').slice(0, 20);
  const file = join(cacheDir, 'probes', 'simd128', `${adapter.name}-${mode}${aot ? '-aot' : ''}-${key}.json`);
  if (existsSync(file)) {
    try {
      return { ...(JSON.parse(readFileSync(file, 'utf8')) as SimdSupport), cached: true };
    } catch { /* a torn file: probe again */ }
  }
  const answer = await runProbe(adapter, mode, aot, version, probe, signal);
  const result: SimdSupport = { ...base, ...answer, probed_at: new Date().toISOString(), cached: false };
  if (result.supported !== null) {
    mkdirSync(join(cacheDir, 'probes', 'simd128'), { recursive: true });
    writeFileSync(`${file}.tmp-${process.pid}`, JSON.stringify(result, null, 1));
    // rename: readers never see a half-written answer
    renameSync(`${file}.tmp-${process.pid}`, file);
  }
  return result;
}

async function runProbe(
  adapter: RuntimeAdapter, mode: string, aot: boolean, version: string, probe: { path: string; sha256: string }, signal?: AbortSignal,
): Promise<{ supported: boolean | null; message: string }> {
  let program = probe.path;
  if (aot) {
    try {
      program = (await aotCompile(adapter, mode, version, probe.path, probe.sha256, signal)).path;
    } catch (e) {
      if (signal?.aborted) return { supported: null, message: 'cancelled' };
      return { supported: false, message: `SIMD probe: AOT compile failed: ${(e as Error).message}` };
    }
  }
  const dir = mkdtempSync(join(tmpdir(), 'wasmlab-simd-probe-'));
  try {
    const cmd = adapter.runCommand(mode, aot, { program, args: [], dir, preopen: true });
    const out = join(dir, 'probe.stdout');
    const err = join(dir, 'probe.stderr');
    const r = await launch({ argv: cmd.argv, env: cmd.env, cwd: dir, stdout: out, stderr: err, timeoutS: PROBE_TIMEOUT_S, signal });
    const stdout = readable(out);
    const stderr = readable(err);
    if (r.start_error) return { supported: null, message: `SIMD probe could not start: ${r.start_error}` };
    if (r.cancelled) return { supported: null, message: 'SIMD probe cancelled' };
    if (r.timed_out) return { supported: null, message: `SIMD probe timed out after ${PROBE_TIMEOUT_S} s` };
    if (r.signal) return { supported: false, message: failure(stderr, `SIMD probe crashed (${r.signal})`) };
    if (r.exit_code !== 0) return { supported: false, message: failure(stderr, `SIMD probe failed (exit ${r.exit_code})`) };
    const line = stdout.trim().split('\n').find((l) => l.startsWith('simd128')) ?? stdout.trim().slice(0, 120);
    if (line !== SIMD_PROBE.expect) return { supported: false, message: `SIMD probe printed "${line}", expected "${SIMD_PROBE.expect}"` };
    return { supported: true, message: 'SIMD probe ran correctly' };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * SIMD128 support of every available wasm runtime mode, probed (or looked up): the JIT/interpreter
 * for modes that run .wasm, the AOT variant for modes that always compile first. For `doctor`.
 */
export async function simdSupportTable(): Promise<(SimdSupport & { id: string })[]> {
  const out: (SimdSupport & { id: string })[] = [];
  for (const a of ADAPTERS) {
    if (a.kind !== 'wasm') continue;
    for (const m of a.modes) {
      const d = await detectMode(a, m.mode);
      if (!d.available) continue;
      try {
        out.push({ id: modeId(a, m.mode), ...await probeSimd(a, m.mode, m.aot === 'always', d.version ?? '') });
      } catch (e) {
        out.push({ id: modeId(a, m.mode), supported: null, message: `SIMD probe not run: ${(e as Error).message}`, runtime: a.name, mode: m.mode, aot: m.aot === 'always', version: d.version ?? '', probed_at: '', cached: false });
      }
    }
  }
  return out;
}
