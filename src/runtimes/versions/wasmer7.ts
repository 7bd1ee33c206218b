/**
 * Running `wasmer@7.4.2:singlepass|cranelift` (wasmer7-install.ts builds it).
 *   wasmer run --<compiler> --stack-size=8388608 --volume <dir>:<dir> --cwd <dir> <x.wasm> -- <args…>
 *   wasmer compile --<compiler> <x.wasm> -o <x.wasmu>; wasmer run … <x.wasmu> -- <args…>
 * Files: Wasmer 7 mounts a `--volume HOST:/` (or `--volume .`, `--mapdir /:HOST`) as a read-only
 * layer under an in-memory root, so a file the guest creates under a relative name never reached
 * the host (docs/runtimes.md). A volume at any other guest path is a real mount. wasi-libc opens a
 * relative name through the "." preopen, and Wasmer 7 points that preopen at the current
 * directory it is given with --cwd (wasmer-wasix's runners/wasi_common.rs; the flag's help
 * says it "does not work with WASI preview 1 modules", which holds for chdir, not for this
 * preopen). So the run folder is mounted at its own path and made the cwd: relative names
 * read and write the run folder, and an absolute host path given as an argument means the same
 * file inside and out. The compiled-module cache is pointed at a path that cannot exist, as
 * for 4.4 (every run compiles afresh).
 */
import type { Command, ModeInfo, RunInput } from '../adapter.js';

export const WASMER7_MODES: readonly ModeInfo[] = [
  { mode: 'singlepass', description: 'Wasmer 7.4.2 Singlepass (baseline, linear-time compiler)', aot: 'optional' },
  { mode: 'cranelift', description: 'Wasmer 7.4.2 Cranelift', aot: 'optional' },
  { mode: 'llvm', description: 'Wasmer 7.4.2 LLVM (not built here: needs LLVM 22)', aot: 'optional' },
];

const ENV = { WASMER_CACHE_DIR: '/dev/null/wasmlab-no-wasmer-cache', RUST_BACKTRACE: '0' };

export function wasmer7Command(exe: string, mode: string, aot: boolean, input: RunInput): Command {
  const files = input.preopen === false ? [] : ['--volume', `${input.dir}:${input.dir}`, '--cwd', input.dir];
  return { argv: [exe, 'run', ...(aot ? [] : [`--${mode}`]), `--stack-size=${8 * 1024 * 1024}`, ...files, input.program, '--', ...input.args], env: ENV };
}

export function wasmer7AotCommand(exe: string, mode: string, wasm: string, out: string): Command {
  return { argv: [exe, 'compile', `--${mode}`, wasm, '-o', out], env: ENV };
}
