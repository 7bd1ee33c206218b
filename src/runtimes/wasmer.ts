/**
 * Wasmer (setup/steps/wasmer.sh: crates.io wasmer-cli 4.4.0 with all three compilers against
 * Debian's LLVM 15). Modes: `singlepass` (baseline), `cranelift`, `llvm` (optimizing); each can
 * be precompiled to a .wasmu artifact.
 *
 * Verified argv (cwd = the run folder <dir>; stdin redirected by the launcher):
 *   wasmer run --<singlepass|cranelift|llvm> --stack-size=8388608 --dir . --mapdir /:<dir> <x.wasm> -- <args…>
 *   wasmer compile --<singlepass|cranelift|llvm> <x.wasm> -o <x.wasmu>
 *   wasmer run --stack-size=8388608 --dir . --mapdir /:<dir> <x.wasmu> -- <args…>  (the artifact knows its compiler)
 * Files: wasmer 4.4's WASI layer has an in-memory root filesystem. `--dir .` alone mounts the
 * run folder at /home and only "./name" reaches it: wasi-libc resolves a bare "name" through
 * the "." preopen, which wasmer maps to "/" (so "data.bin" was ENOENT). `--mapdir /:<dir>`
 * mounts the run folder at "/" too, so "data.bin" reads. LIMITATION (known, not fixable by
 * flags): a file the guest *creates* under a bare name ("out.bin") lands in the in-memory root
 * and is lost; "./out.bin", or a file that already exists in the run folder, is written there.
 * "--" keeps program args like "-x" from wasmer's parser; argv[0] is the module path.
 * --stack-size: the default 1 MiB for Wasm code ended a 20000-deep recursion under Singlepass
 * ("call stack exhausted"); 8 MiB like a native stack.
 * WASMER_CACHE_DIR: `wasmer run` keeps compiled modules in a file cache and would load them on
 * the next run instead of compiling, so a JIT run would not include its compile time; the cache
 * is pointed at a path that cannot be created, so every run compiles afresh.
 * Exit status: the guest's proc_exit code (3 → 3); a trap exits 1.
 */
import { setupStep } from '../paths.js';
import { preopenFlags, type Detection } from './adapter.js';
import { cliAdapter, cliFix, type CliSpec } from './locate.js';

const CLI: CliSpec = { exe: 'wasmer', envVar: 'WASMLAB_WASMER', setup: { step: 'wasmer', how: 'cargo install wasmer-cli 4.4.0 with LLVM 15, ~17 min' } };
const ENV = { WASMER_CACHE_DIR: '/dev/null/wasmlab-no-wasmer-cache', RUST_BACKTRACE: '0' };

/** The compilers a wasmer binary was built with, from `wasmer --version --verbose` ("compiler: a,b"); asked once. */
const compilers = new Map<string, Promise<string[] | Error>>();
function compilersOf(path: string): Promise<string[] | Error> {
  if (!compilers.has(path)) compilers.set(path, (async () => {
    const { execa } = await import('execa');
    const r = await execa(path, ['--version', '--verbose'], { reject: false, timeout: 20_000 });
    const line = `${r.stdout}`.split('\n').find((l) => l.startsWith('compiler:'));
    if (!line) return new Error(`\`${path} --version --verbose\` lists no "compiler:" line`);
    return line.slice('compiler:'.length).split(',').map((s) => s.trim()).filter(Boolean);
  })());
  return compilers.get(path)!;
}

async function detectMode(mode: string, detect: () => Promise<Detection>): Promise<Detection> {
  const d = await detect();
  if (!d.available) return d;
  const c = d.path ? await compilersOf(d.path) : new Error(d.reason ?? 'wasmer unavailable');
  if (c instanceof Error) return { ...d, available: false, reason: c.message, fix: cliFix(CLI) };
  if (!c.includes(mode)) {
    return {
      ...d,
      available: false,
      reason: `${d.path} was built without the ${mode} compiler (it has: ${c.join(', ') || 'none'})`,
      fix: mode === 'llvm'
        ? `rebuild with the llvm feature: needs llvm-15-dev, libPolly stubs and __rust_probestack, as ${setupStep('wasmer')} does`
        : cliFix(CLI),
    };
  }
  return d;
}

export const wasmer = cliAdapter({
  name: 'wasmer',
  cli: CLI,
  modes: [
    { mode: 'singlepass', description: 'Wasmer Singlepass (baseline, linear-time compiler)', aot: 'optional' },
    { mode: 'cranelift', description: 'Wasmer Cranelift', aot: 'optional' },
    { mode: 'llvm', description: 'Wasmer LLVM 15 (optimizing)', aot: 'optional' },
  ],
  detectMode,
  aotExtension: '.wasmu',
  aotCommand: (exe, mode, wasm, out) => ({
    argv: [exe, 'compile', `--${mode}`, wasm, '-o', out],
    env: ENV,
  }),
  runCommand: (exe, mode, aot, input) => ({
    argv: [exe, 'run', ...(aot ? [] : [`--${mode}`]), `--stack-size=${8 * 1024 * 1024}`,
      ...preopenFlags(input, ['--dir', '.', '--mapdir', `/:${input.dir}`]), input.program, '--', ...input.args],
    env: ENV,
  }),
});
