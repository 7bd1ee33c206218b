/**
 * WAVM: an LLVM-based JIT with an AOT mode. Setup builds it (setup/steps/wavm.sh) from the 2020
 * source snapshot inside crates.io `wavm-sys` 0.1.0, ported to a Debian LLVM by our patches in
 * setup/wavm/patches/ (see setup/wavm/README.md).
 *
 * JIT:  wavm run --nocache --abi=wasi --mount-root DIR x.wasm args…
 * AOT:  wavm compile x.wasm x.wavm   (a .wasm with the machine code in a custom
 *       section), then wavm run --precompiled … x.wavm args…
 *
 * `--mount-root DIR` makes the run folder the guest's one preopened directory, named "/";
 * wasi-libc resolves relative names against "/", so `data.bin` and `out.bin` are the run
 * folder's. stdin/stdout/stderr are the process's own.
 * `--nocache` keeps WAVM's object cache out even if WAVM_OBJECT_CACHE_DIR is set: a cached
 * JIT would skip the compile we mean to measure. No `--enable`: clang-19's default output needs
 * only the features this WAVM enables by default (checked on the whole suite; see docs/runtimes.md).
 */
import { readFileSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { preopenFlags, type Detection } from './adapter.js';
import { cliAdapter } from './locate.js';

/**
 * Setup writes the real description (crate version, patch count, LLVM version, build key) beside
 * the build, since `wavm version` only says "0.0.0-prerelease". A user-provided wavm has no such
 * note and keeps its own version line.
 */
function describe(d: Detection): Detection {
  if (!d.available || !d.path) return d;
  try {
    const note = join(dirname(dirname(realpathSync(d.path))), 'wasmlab-version');
    return { ...d, version: readFileSync(note, 'utf8').trim() };
  } catch {
    return d;
  }
}

export const wavm = cliAdapter({
  name: 'wavm',
  modes: [{ mode: 'default', description: 'LLVM JIT (AOT: wavm compile, run --precompiled)', aot: 'optional' }],
  cli: {
    exe: 'wavm', envVar: 'WASMLAB_WAVM', versionArgs: ['version'], describe,
    setup: { step: 'wavm', how: 'builds WAVM from crates.io wavm-sys against Debian LLVM 13; 4-9 min cold' },
  },
  aotExtension: '.wavm',
  aotCommand: (exe, _mode, wasm, out) => ({ argv: [exe, 'compile', wasm, out] }),
  runCommand: (exe, _mode, aot, input) => ({
    argv: [exe, 'run', '--nocache', '--abi=wasi', ...preopenFlags(input, ['--mount-root', input.dir]), ...(aot ? ['--precompiled'] : []), input.program, ...input.args],
  }),
});
