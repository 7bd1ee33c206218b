/**
 * Builds the small feature-probe modules (probes/*.c) with the suite's clang, cached under the
 * cache folder by compiler version and source hash. A probe tells whether a runtime mode runs a
 * feature's instructions (src/measure/simd-probe.ts runs it); it is built once, not per runtime.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { cacheDir, repoRoot } from '../paths.js';
import { findCompiler, targetFlags } from './compilers.js';
import { BuildError } from './build.js';

export interface ProbeModule {
  path: string;
  sha256: string;
}

/** The SIMD128 probe: its source, and the exact line it prints where SIMD runs correctly. */
export const SIMD_PROBE = {
  source: join(repoRoot, 'src', 'toolchain', 'probes', 'simd128.c'),
  flags: ['-O2', '-msimd128'],
  expect: 'simd128 2 -20 0 14 mask 9 any 1 rev 14 mul 24',
};

export async function buildProbe(probe: { source: string; flags: readonly string[] }): Promise<ProbeModule> {
  const compiler = await findCompiler();
  const src = readFileSync(probe.source);
  const args = [...targetFlags('wasm'), ...probe.flags];
  const key = createHash('sha256').update(`${compiler.version}\n${JSON.stringify(args)}\n`).update(src).digest('hex').slice(0, 16);
  const dir = join(cacheDir, 'probes', key);
  const out = join(dir, 'probe.wasm');
  if (!existsSync(out)) {
    const tmp = `${dir}.tmp-${process.pid}`;
    mkdirSync(tmp, { recursive: true });
    const r = await execa(compiler.cc, [...args, '-o', join(tmp, 'probe.wasm'), probe.source], { reject: false, all: true });
    if (r.exitCode !== 0) {
      rmSync(tmp, { recursive: true, force: true });
      throw new BuildError(`the probe ${probe.source} does not compile: ${(r.all ?? '').split('\n').find((l) => /error/.test(l)) ?? r.all}`, r.all ?? '');
    }
    try {
      renameSync(tmp, dir);
    } catch {
      rmSync(tmp, { recursive: true, force: true }); // another process built it first
    }
  }
  return { path: out, sha256: createHash('sha256').update(readFileSync(out)).digest('hex') };
}
