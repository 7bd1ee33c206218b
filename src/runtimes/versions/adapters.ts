/**
 * Adapters for installed runtime versions: `wasmtime@36.0.9`, `wazero@v1.9.0`, `wasmi@0.31.0`.
 * The adapter's `name` carries the version, so target ids (`wasmtime@0.30.0:embedding`), series
 * keys and the rows' `runtime` column name it with no other change. A spec may be a prefix
 * (`wasmtime@28` → the newest installed 28.x). Everything comes from the folder's status.json,
 * read afresh on each call (cheap) so an install in the same process is seen at once.
 */
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Detection, ModeInfo, RuntimeAdapter } from '../adapter.js';
import { wasmtimeCli, WASMTIME_MODES } from '../wasmtime.js';
import { wazero } from '../wazero.js';
import { wasmi } from '../wasmi.js';
import { EMBEDDING_MODE, embeddingCommand } from './embedding.js';
import { engineOf } from './engines.js';
import { installedVersions, readStatus, versionDir, type VersionStatus } from './installed.js';

export class UnknownVersionError extends Error {}

const FIX = (rt: string, v: string) => `wasmlab runtime add ${rt}@${v}`;

/** `wasmtime@28` → the newest installed 28.x (an exact version wins); throws with what is installed. */
export function resolveVersion(runtime: string, spec: string): VersionStatus {
  const all = installedVersions(runtime);
  const exact = all.find((s) => s.version === spec);
  if (exact) return exact;
  const prefix = spec.replace(/\.$/, '') + '.';
  const matches = all.filter((s) => s.version.startsWith(prefix) || s.version.replace(/^v/, '').startsWith(prefix.replace(/^v/, '')));
  if (matches.length) return matches[matches.length - 1]!;
  const have = all.map((s) => s.version);
  throw new UnknownVersionError(`${runtime}@${spec} is not installed: \`wasmlab runtime add ${runtime}@${spec}\` installs it`
    + ` (installed: ${have.length ? have.join(', ') : 'none'}; \`wasmlab runtime list\` shows them)`);
}

function modeInfos(s: VersionStatus, base: readonly ModeInfo[]): ModeInfo[] {
  return Object.keys(s.modes).map((m) => (m === 'embedding' ? EMBEDDING_MODE : base.find((b) => b.mode === m) ?? { mode: m, description: m, aot: 'none' as const }));
}

/** Available when the driver's file is there and the mode did not fail its smoke test. */
function detectVersionMode(runtime: string, version: string, mode: string): Detection {
  const s = readStatus(runtime, version);
  if (!s) return { available: false, reason: `${runtime}@${version} is not installed`, fix: FIX(runtime, version) };
  const driver = mode === 'embedding' ? 'embedding' : 'cli';
  const rel = s.paths[driver];
  const path = rel ? join(versionDir(runtime, version), rel) : undefined;
  const line = driver === 'embedding' ? `${runtime} ${version} (embedding: wasmtime-py)` : s.version_line;
  if (!path || !existsSync(path)) return { available: false, reason: `${runtime}@${version} has no ${driver} installed`, fix: FIX(runtime, version) };
  const m = s.modes[mode];
  if (m && m.ok === false) return { available: false, path, version: line, reason: `${runtime}@${version}:${mode} does not run here: ${m.reason ?? 'failed its smoke test'}`, fix: 'none (this version cannot run here)' };
  return { available: true, path, version: line };
}

function pathOf(runtime: string, version: string, driver: 'cli' | 'embedding'): string {
  const rel = readStatus(runtime, version)?.paths[driver];
  return rel ? join(versionDir(runtime, version), rel) : `${runtime}-${version}-not-installed`;
}

/** The adapter of one installed version; `name` is "runtime@spec". */
export function versionedAdapter(name: string): RuntimeAdapter {
  const at = name.indexOf('@');
  const runtime = name.slice(0, at);
  const s = resolveVersion(runtime, name.slice(at + 1));
  const id = `${runtime}@${s.version}`;
  const detectMode = async (mode: string) => detectVersionMode(runtime, s.version, mode);
  const detect = async () => detectMode(Object.keys(s.modes)[0] ?? 'default');
  if (runtime === 'wasmtime') {
    const cli = wasmtimeCli({ name: id, exe: () => pathOf(runtime, s.version, 'cli'), detect, detectMode, modes: modeInfos(s, WASMTIME_MODES) });
    return {
      ...cli,
      runCommand: (mode, aot, input) => (mode === 'embedding' ? embeddingCommand(pathOf(runtime, s.version, 'embedding'), input) : cli.runCommand(mode, aot, input)),
    };
  }
  if (runtime === 'wazero') {
    return {
      ...wazero, name: id, modes: modeInfos(s, wazero.modes), detect, detectMode,
      runCommand: (mode, aot, input) => ({ ...wazero.runCommand(mode, aot, input), argv: [pathOf(runtime, s.version, 'cli'), ...wazero.runCommand(mode, aot, input).argv.slice(1)] }),
    };
  }
  if (runtime === 'wasmi') {
    return {
      ...wasmi, name: id, modes: modeInfos(s, wasmi.modes), detect, detectMode,
      runCommand: (mode, aot, input) => {
        const exe = pathOf(runtime, s.version, 'cli');
        const cmd = wasmi.runCommand(mode, aot, input);
        // Before 0.41 the binary was wasmi_cli, with no `run` subcommand: the same options, one word fewer.
        return { ...cmd, argv: [exe, ...cmd.argv.slice(basename(exe) === 'wasmi_cli' ? 2 : 1)] };
      },
    };
  }
  const engine = engineOf(runtime);
  if (engine) {
    const exe = () => pathOf(runtime, s.version, 'cli');
    const dir = versionDir(runtime, s.version);
    return {
      name: id, kind: 'wasm', modes: modeInfos(s, engine.modes), detect, detectMode, aotExtension: engine.aotExtension, lostWrites: engine.lostWrites,
      ...(engine.aot ? { aotCommand: (mode: string, wasm: string, out: string) => engine.aot!(dir, mode, wasm, out) } : {}),
      runCommand: (mode, aot, input) => engine.run(exe(), mode, aot, input, dir),
    };
  }
  throw new UnknownVersionError(`${runtime} has no installable versions (wasmtime, wazero, wasmi, node, bun, wamr and wasmer have: wasmlab runtime add wasmtime@VERSION)`);
}

/** `wasmtime@all[:mode]`: every installed version whose mode passed its smoke test. */
export function allVersionIds(runtime: string, mode?: string): { ids: string[]; skipped: { id: string; reason: string }[] } {
  const ids: string[] = [];
  const skipped: { id: string; reason: string }[] = [];
  for (const s of installedVersions(runtime)) {
    const modes = mode ? [mode] : Object.keys(s.modes);
    for (const m of modes) {
      const st = s.modes[m];
      if (st?.ok) ids.push(`${runtime}@${s.version}:${m}`);
      else if (st || !mode) skipped.push({ id: `${runtime}@${s.version}:${m}`, reason: st?.reason ?? 'not tested' });
    }
  }
  return { ids, skipped };
}
