/**
 * A module built elsewhere (clang by hand, Rust, Emscripten standalone, TinyGo…) as a Benchmark:
 * `wasmlab run --wasm FILE.wasm [--args "…"] [--dir DIR] [--expect FILE]`. It has no sources and
 * no native build: the toolchain hands out the file itself as the wasm artifact (its sha256 is the
 * row's artifact_sha256), and the output reference is `--expect`'s file or else the first
 * runtime's output. The row's `benchmark` is the file name. `--dir DIR`: DIR's files are copied
 * into the run folder (the module sees them under the preopened "."; DIR itself is not written).
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import type { Benchmark } from './manifest.js';
import { bashWords } from './wabench/shell.js';

export class PrebuiltError extends Error {}

export interface PrebuiltSpec {
  /** The .wasm file. */
  wasm: string;
  /** Arguments, as one shell-quoted string ("-n 5 'a b'") or a list. */
  args?: string | string[];
  /** A folder whose files the module reads (copied into its run folder, preopened as "."). */
  dir?: string;
  /** A file holding the expected stdout; without it the first runtime's output is the reference. */
  expect?: string;
}

function filesUnder(dir: string, base = dir, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) filesUnder(p, base, out);
    else if (e.isFile()) out.push(relative(base, p));
  }
  return out;
}

/**
 * Check that FILE is a WebAssembly module (V8 compiles it: the error says what is wrong) and
 * make it a Benchmark. Any problem is one PrebuiltError naming the file.
 */
export function prebuiltBenchmark(spec: PrebuiltSpec): Benchmark {
  const wasm = resolve(spec.wasm);
  if (!existsSync(wasm) || !statSync(wasm).isFile()) throw new PrebuiltError(`--wasm ${spec.wasm}: no such file`);
  const bytes = readFileSync(wasm);
  if (bytes.length < 8 || bytes.readUInt32BE(0) !== 0x0061736d) {
    throw new PrebuiltError(`--wasm ${spec.wasm}: not a WebAssembly module (it does not start with "\\0asm")`);
  }
  try {
    new WebAssembly.Module(bytes);
  } catch (e) {
    throw new PrebuiltError(`--wasm ${spec.wasm}: not a valid WebAssembly module: ${(e as Error).message.replace(/^WebAssembly\.Module\(\): /, '')}`);
  }
  const args = Array.isArray(spec.args) ? spec.args : bashWords(spec.args ?? '');
  let files: string[] = [];
  let dir: string | undefined;
  if (spec.dir !== undefined) {
    dir = resolve(spec.dir);
    if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new PrebuiltError(`--dir ${spec.dir}: not a folder`);
    files = filesUnder(dir);
  }
  let expect: string | undefined;
  if (spec.expect !== undefined) {
    expect = resolve(spec.expect);
    if (!existsSync(expect) || !statSync(expect).isFile()) throw new PrebuiltError(`--expect ${spec.expect}: no such file`);
  }
  const name = basename(wasm);
  return {
    id: name, group: 'prebuilt', category: 'prebuilt', language: 'c', description: `prebuilt module ${wasm}`,
    origin: `built outside wasmlab: ${wasm}`, sources: [], sizes: { mini: args, small: args, medium: args, large: args },
    check: 'stdout', files, preopen: dir !== undefined,
    ...(dir ? { source_root: dir } : {}),
    prebuilt: { wasm, ...(expect ? { expect } : {}) },
    dir: dir ?? resolve(wasm, '..'),
  };
}
