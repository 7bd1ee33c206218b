/**
 * `wasmer@7.4.2`: `cargo install wasmer-cli@7.4.2 --locked --features singlepass,cranelift`
 * into the version's folder (the 4.4.0 of setup stays the bare `wasmer`, for the study's LLVM
 * rows). No patches and no link fixes (docs/runtimes.md). Its LLVM backend needs LLVM 22, which Debian 12
 * lacks (it has up to 19), so `llvm` is listed unavailable with that reason. ~15 min cold on 2
 * idle cores, much longer on a busy machine; cargo's build folder is kept under the temp folder
 * so an interrupted build resumes.
 */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { versionLine } from '../locate.js';
import { versionDir, type VersionStatus } from './installed.js';

export const WASMER7 = '7.4.2';
export const WASMER7_LLVM_REASON = 'not built: Wasmer 7.2+ needs LLVM 22 for its LLVM backend; Debian 12 has LLVM up to 19';

export function wasmer7Versions(spec: string): Promise<string[]> {
  if (['all', '7', '7.4', WASMER7].includes(spec)) return Promise.resolve([WASMER7]);
  return Promise.reject(new Error(`wasmer@${spec}: only wasmer@${WASMER7} installs this way (7.5 needs a newer Rust than here; 5.x/6.x want LLVM 18); a bare \`wasmer\` is setup's 4.4.0`));
}

export async function installWasmer7(version: string, log: (m: string) => void): Promise<VersionStatus> {
  const dir = versionDir('wasmer', version);
  mkdirSync(dir, { recursive: true });
  log(`wasmer@${version}: cargo install wasmer-cli@${version} (singlepass, cranelift): ~15 min cold on 2 idle cores, much longer under load`);
  await execa('cargo', ['install', `wasmer-cli@${version}`, '--locked', '--features', 'singlepass,cranelift', '--root', dir], {
    timeout: 4 * 3_600_000, env: { CARGO_TARGET_DIR: join(tmpdir(), 'wasmlab-cargo', `wasmer-${version}`) },
  });
  const exe = join(dir, 'bin', 'wasmer');
  return {
    runtime: 'wasmer', version, drivers: ['cli'], released: '', ok: false, reason: '', installed_at: new Date().toISOString(),
    modes: { singlepass: { ok: null }, cranelift: { ok: null }, llvm: { ok: false, reason: WASMER7_LLVM_REASON } },
    version_line: await versionLine(exe, ['--version']), paths: { cli: join('bin', 'wasmer') },
    notes: `cargo install wasmer-cli@${version} --locked --features singlepass,cranelift (unpatched)`,
  };
}
