/**
 * The C/C++ compilers wasmlab builds with: one clang for both native and wasm32-wasi, so the
 * only difference between the two builds is the target. The major version comes from
 * setup/versions.env (CLANG_MAJOR), the same file setup installs from.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SETUP_COMMAND, setupDir } from '../paths.js';
import { locateTool, once, versionLine } from '../locate.js';

export type BuildTarget = 'native' | 'wasm';

function clangMajor(): string {
  const env = readFileSync(join(setupDir, 'versions.env'), 'utf8');
  return /^CLANG_MAJOR=(\d+)/m.exec(env)?.[1] ?? '19';
}

export interface Compiler {
  cc: string;
  cxx: string;
  /** e.g. "Debian clang version 19.1.7 (3~deb12u1)" — part of every cache key. */
  version: string;
}

export class ToolchainMissingError extends Error {}

export const findCompiler = once(async (): Promise<Compiler> => {
  const major = clangMajor();
  const cc = locateTool(`clang-${major}`, 'WASMLAB_CC');
  const cxx = locateTool(`clang++-${major}`, 'WASMLAB_CXX');
  if (!cc || !cxx) {
    throw new ToolchainMissingError(
      `clang-${major} / clang++-${major} not found: run \`${SETUP_COMMAND}\` (installs Debian's clang-${major}, lld-${major}, wasi-libc)`,
    );
  }
  return { cc, cxx, version: await versionLine(cc, ['--version']) };
});

/** Flags that differ by target only. Everything else is identical for native and wasm. */
export function targetFlags(target: BuildTarget): string[] {
  if (target === 'native') return [];
  // 8 MiB of shadow stack, like native's default `ulimit -s`; wasm-ld's default (64 KiB) makes
  // programs with big locals fail on wasm only, which would not be a runtime comparison.
  return ['--target=wasm32-wasi', '-Wl,-z,stack-size=8388608'];
}
