/**
 * Running `wasmer@7.4.2:singlepass|cranelift` (wasmer7-install.ts builds it).
 *   wasmer run --<compiler> --stack-size=8388608 --volume <dir>:/ <x.wasm> -- <args…>
 *   wasmer compile --<compiler> <x.wasm> -o <x.wasmu>; wasmer run … <x.wasmu> -- <args…>
 * Files (checked 2026-12-06 with the built 7.4.2): `--volume <dir>:/` lets the guest read
 * relative names; files it creates under relative names do NOT reach the host (known limit:
 * benchmarks with output files are wrong-output here). Tried without success: --volume D:D
 * --cwd D and --volume D:/data --cwd /data (then not even reads work), --volume .:. plus
 * --volume D:/home, --mapdir /data:D --cwd /data, --volume D:. (fails: "Could not check
 * specified current directory at '/home'"). Source reading (wasmer-wasix runners/wasi_common.rs):
 * a volume at "/" becomes a lower layer of an overlay whose upper layer is in memory, and
 * wasi-libc resolves a relative name against its emulated cwd "/" through the "/" preopen, so
 * a created file lands in memory; a volume elsewhere is not reached by relative names at all.
 * Rechecked 2026-12-07 (wasmer-wasix 0.704.2, runners/wasi_common.rs, virtual-fs overlay_fs.rs):
 * every volume whose guest path normalises to "/" ("/", "/.", "//", "", ".") becomes a lower
 * layer of that overlay, whose writes are copy-on-write into memory; the guest gets preopens
 * "/", "." and "/" again, and wasi-libc (no chdir linked: cwd "/") sends a relative name through
 * the last-registered one, "/". So `--cwd /data --volume D:/data` (the "." preopen at /data)
 * does not help either, nor `--volume D:. --volume D:/home`; only absolute guest paths into a
 * volume that is not "/" reach the host. The wrong-output reason names this (WASMER7_LOST_WRITES).
 * The compiled-module cache is pointed at a path that cannot exist, as
 * for 4.4 (every run compiles afresh).
 */
import type { Command, ModeInfo, RunInput } from '../adapter.js';

export const WASMER7_MODES: readonly ModeInfo[] = [
  { mode: 'singlepass', description: 'Wasmer 7.4.2 Singlepass (baseline, linear-time compiler)', aot: 'optional' },
  { mode: 'cranelift', description: 'Wasmer 7.4.2 Cranelift', aot: 'optional' },
  { mode: 'llvm', description: 'Wasmer 7.4.2 LLVM (not built here: needs LLVM 22)', aot: 'optional' },
];

/** The diagnosed limit a wrong-output row names when a declared output file stayed empty. */
export const WASMER7_LOST_WRITES = 'known limit of Wasmer 7: a preview1 program\'s relative names resolve through its "/" preopen, '
  + 'an in-memory overlay over the run folder, so files the guest writes never reach the disk (docs/runtimes.md)';

const ENV = { WASMER_CACHE_DIR: '/dev/null/wasmlab-no-wasmer-cache', RUST_BACKTRACE: '0' };

export function wasmer7Command(exe: string, mode: string, aot: boolean, input: RunInput): Command {
  const files = input.preopen === false ? [] : ['--volume', `${input.dir}:/`];
  return { argv: [exe, 'run', ...(aot ? [] : [`--${mode}`]), `--stack-size=${8 * 1024 * 1024}`, ...files, input.program, '--', ...input.args], env: ENV };
}

export function wasmer7AotCommand(exe: string, mode: string, wasm: string, out: string): Command {
  return { argv: [exe, 'compile', `--${mode}`, wasm, '-o', out], env: ENV };
}
