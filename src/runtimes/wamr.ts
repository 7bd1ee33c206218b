/**
 * WAMR (setup/steps/wamr.sh: iwasm + wamrc built from the WAMR tree in crates.io's wamr-sys
 * 0.1.1, with setup/wamr/patches). Modes: `interp` (the fast interpreter, WAMR's default) and
 * `aot` (wamrc, LLVM-based, always precompiled to .aot; run by the same iwasm).
 *
 * Verified argv (cwd = the run folder; stdin redirected by the launcher):
 *   iwasm --heap-size=0 --stack-size=8388608 --dir=. <x.wasm> <args…>     (interp)
 *   wamrc -o <x.aot> <x.wasm>
 *   iwasm --heap-size=0 --stack-size=8388608 --dir=. <x.aot> <args…>      (aot)
 * --heap-size=0: no WAMR "app heap" inside the guest's memory. With one (default 16 KB),
 *   wasi-libc's malloc and WAMR's heap shared memory, and a C++ program filling a 32 MB vector
 *   got "Exception: out of memory" or a wrong result; patch 11 lets WASI work without it.
 * --stack-size: the interpreter's Wasm stack (frames + operands), default 16 KB, which a
 *   1000-deep recursion overflowed ("Exception: stack overflow"); 8 MiB like a native stack.
 * --dir=. preopens the cwd as "." (relative paths read and write the run folder). Options end at
 * the module path; later args ("-x" included) reach the guest, whose argv[0] is the module
 * path as given. Exit status (patch 10): the guest's proc_exit code (3 → 3); a trap exits 1
 * with "Exception: …" on stderr. wamrc's x86-64 code has no software bound checks; iwasm's guard
 * pages trap out-of-bounds accesses (checked: "out of bounds memory access", exit 1).
 */
import { realpathSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { preopenFlags, type Detection, type RuntimeAdapter } from './adapter.js';
import { setupStep } from '../paths.js';
import { locateTool, once } from './locate.js';

const FIX = `${setupStep('wamr')} (builds iwasm and wamrc from the crates.io wamr-sys sources; wamrc needs llvm-15-dev), or set WASMLAB_IWASM / WASMLAB_WAMRC`;
const RUN_FLAGS = ['--heap-size=0', `--stack-size=${8 * 1024 * 1024}`];

const iwasmPath = () => locateTool('iwasm', 'WASMLAB_IWASM');
const wamrcPath = () => locateTool('wamrc', 'WASMLAB_WAMRC');

/**
 * iwasm has no --version; setup installs it under wamr/<crate version>-llvm<N>-<patch hash>/bin,
 * so that folder names the build (and AOT caches keyed by this version follow patch changes).
 */
function describe(exe: string): string {
  let build = 'unknown build';
  try {
    build = basename(dirname(dirname(realpathSync(exe))));
  } catch {
    /* keep "unknown build" */
  }
  const m = /^(.+)-llvm(\d+)-([0-9a-f]+)$/.exec(build);
  return m ? `WAMR 2020 snapshot from wamr-sys ${m[1]} (wamrc on LLVM ${m[2]}, build ${m[3]})` : `WAMR iwasm (${build})`;
}

const detectIwasm = once(async (): Promise<Detection> => {
  const path = iwasmPath();
  if (!path) return { available: false, reason: 'iwasm not found in $WASMLAB_IWASM, the wasmlab cache or PATH', fix: FIX };
  return { available: true, path, version: describe(path) };
});

const detectAot = once(async (): Promise<Detection> => {
  const d = await detectIwasm();
  if (!d.available) return d;
  const w = wamrcPath();
  if (!w) return { available: false, path: d.path, reason: 'wamrc (the WAMR AOT compiler) not found', fix: FIX };
  return d;
});

export const wamr: RuntimeAdapter = {
  name: 'wamr',
  kind: 'wasm',
  modes: [
    { mode: 'interp', description: 'WAMR fast interpreter', aot: 'none' },
    { mode: 'aot', description: 'WAMR AOT (wamrc, LLVM 15) run by iwasm', aot: 'always' },
  ],
  detect: detectIwasm,
  detectMode: (mode) => (mode === 'aot' ? detectAot() : detectIwasm()),
  aotExtension: '.aot',
  aotCommand: (_mode, wasm, out) => ({ argv: [wamrcPath() ?? 'wamrc', '-o', out, wasm] }),
  runCommand: (_mode, _aot, input) => ({
    argv: [iwasmPath() ?? 'iwasm', ...RUN_FLAGS, ...preopenFlags(input, ['--dir=.']), input.program, ...input.args],
  }),
};
