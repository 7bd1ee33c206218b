/**
 * wazero and wasmi versions, built from source like setup does (setup/steps/wazero.sh,
 * setup/steps/wasmi.sh) but into the version's folder. wazero: `go mod download` the module,
 * patch a copy with setup/wazero/call-stack-ceiling.patch (the interpreter's 2000-call limit),
 * `go build` with the version stamped in; a version the patch does not fit is built unpatched
 * and says so in its status. wasmi: `cargo install wasmi_cli@X --locked --root DIR`, unpatched
 * (cargo install cannot patch; wasmi keeps its 1000-frame limit), ~6 min per version.
 */
import { chmodSync, cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { setupDir } from '../../paths.js';
import { versionLine } from '../locate.js';
import { versionDir, type VersionStatus } from './installed.js';

const WAZERO = 'github.com/tetratelabs/wazero';

function fresh(runtime: string, version: string): VersionStatus {
  return { runtime, version, drivers: [], released: '', ok: false, reason: '', installed_at: new Date().toISOString(), modes: {}, version_line: '', paths: {} };
}

export async function installWazero(version: string, log: (m: string) => void): Promise<VersionStatus> {
  const s = fresh('wazero', version);
  const dir = versionDir('wazero', version);
  mkdirSync(dir, { recursive: true });
  log(`wazero@${version}: go mod download + build (~1 min)`);
  const info = JSON.parse((await execa('go', ['list', '-m', '-json', `${WAZERO}@${version}`], { cwd: dir })).stdout) as { Time?: string };
  s.released = info.Time ?? '';
  const dl = JSON.parse((await execa('go', ['mod', 'download', '-json', `${WAZERO}@${version}`], { cwd: dir })).stdout) as { Dir?: string; Error?: string };
  if (!dl.Dir) throw new Error(`go mod download ${WAZERO}@${version}: ${dl.Error ?? 'no source folder'}`);
  const src = join(dir, 'src');
  rmSync(src, { recursive: true, force: true });
  cpSync(dl.Dir, src, { recursive: true });
  await execa('chmod', ['-R', 'u+w', src]); // the module cache is read-only
  const patch = await execa('patch', ['-d', src, '-p1', '-s', '-N', '-i', join(setupDir, 'wazero', 'call-stack-ceiling.patch')], { reject: false });
  s.notes = patch.exitCode === 0 ? 'built with setup/wazero/call-stack-ceiling.patch'
    : 'built UNPATCHED: call-stack-ceiling.patch does not apply to this version (its interpreter keeps the 2000-call limit)';
  if (patch.exitCode !== 0) { rmSync(src, { recursive: true, force: true }); cpSync(dl.Dir, src, { recursive: true }); await execa('chmod', ['-R', 'u+w', src]); }
  await execa('go', ['build', '-p', '1', '-trimpath', '-ldflags', `-X ${WAZERO}/internal/version.version=${version}`, '-o', join(dir, 'wazero'), './cmd/wazero'], { cwd: src });
  rmSync(src, { recursive: true, force: true });
  s.paths.cli = 'wazero';
  s.drivers.push('cli');
  s.version_line = `wazero ${await versionLine(join(dir, 'wazero'), ['version'])}`;
  s.modes = { compiler: { ok: null }, interpreter: { ok: null } };
  return s;
}

export async function installWasmi(version: string, log: (m: string) => void): Promise<VersionStatus> {
  const s = fresh('wasmi', version);
  const dir = versionDir('wasmi', version);
  mkdirSync(dir, { recursive: true });
  log(`wasmi@${version}: cargo install wasmi_cli@${version} (~6 min)`);
  await execa('cargo', ['install', `wasmi_cli@${version}`, '--locked', '--root', dir, '-j', '1'], { timeout: 3_600_000 });
  // The binary was named wasmi_cli before wasmi 0.41 (and `wasmi` with a `run` subcommand since).
  const exe = ['wasmi', 'wasmi_cli'].find((b) => existsSync(join(dir, 'bin', b)));
  if (!exe) throw new Error(`cargo install wasmi_cli@${version} left no wasmi or wasmi_cli in ${join(dir, 'bin')}`);
  chmodSync(join(dir, 'bin', exe), 0o755);
  s.paths.cli = join('bin', exe);
  s.drivers.push('cli');
  s.version_line = await versionLine(join(dir, 'bin', exe), ['--version']);
  s.modes = { default: { ok: null } };
  s.notes = 'unpatched (cargo install): wasmi keeps its 1000-frame recursion limit';
  return s;
}
