/**
 * `wamr@2.4.3`: WAMR 2.4.3 from the crate wamrx-sys 0.3.0 (its wasm-micro-runtime/ core; no
 * product-mini/, no wamr-compiler/), built with cmake through drivers/wamr2/CMakeLists.txt,
 * one runtime variant per mode, each linked with our iwasm2 driver; wamrc2 (our AOT compiler)
 * comes with the LLVM-JIT variant. A variant that does not build marks its mode unavailable
 * with the reason; the others still install. Measured: 13.4 min on 2 cores shared with heavy
 * load (classic 93 s, fast-interp 150 s, aot 89 s, llvm-jit 335 s, fast-jit 126 s); less when
 * idle. Needs cmake, g++ and, for llvm-jit and aot, Debian's llvm-19-dev (+ libpolly-19-dev);
 * fast-jit uses Debian's libasmjit-dev instead of the asmjit clone its cmake would fetch.
 * A bare `wamr` is not this: it stays setup's 2020 build.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { repoRoot } from '../../paths.js';
import { crateSource } from './crate-source.js';
import { versionDir, type ModeStatus, type VersionStatus } from './installed.js';

export const WAMR2 = { version: '2.4.3', crate: 'wamrx-sys', crateVersion: '0.3.0' } as const;
const LLVM_CMAKE = '/usr/lib/llvm-19/lib/cmake/llvm';
const ASMJIT_HEADER = '/usr/include/asmjit/asmjit.h';
const DRIVER_DIR = join(repoRoot, 'drivers', 'wamr2');

export function wamr2Versions(spec: string): Promise<string[]> {
  if (['all', '2', '2.4', WAMR2.version].includes(spec)) return Promise.resolve([WAMR2.version]);
  return Promise.reject(new Error(`wamr@${spec}: only wamr@${WAMR2.version} installs (the crate ${WAMR2.crate} ${WAMR2.crateVersion}); a bare \`wamr\` is the 2020 build`));
}

/** The variants to build, in order, and what each needs here. */
const VARIANTS: { variant: string; needs?: () => string | undefined; extra: () => string[] }[] = [
  { variant: 'classic', extra: () => [] },
  { variant: 'fast-interp', extra: () => [] },
  { variant: 'aot', extra: () => [] },
  { variant: 'llvm-jit', needs: () => (existsSync(join(LLVM_CMAKE, 'LLVMConfig.cmake')) ? undefined : 'needs Debian llvm-19-dev and libpolly-19-dev (apt-get install llvm-19-dev libpolly-19-dev)'), extra: () => [`-DLLVM_DIR=${LLVM_CMAKE}`] },
  { variant: 'fast-jit', needs: () => (existsSync(ASMJIT_HEADER) ? undefined : 'needs asmjit: Debian libasmjit-dev stands in for the clone its cmake would fetch (apt-get install libasmjit-dev)'), extra: () => [`-DFETCHCONTENT_SOURCE_DIR_ASMJIT=${join(DRIVER_DIR, 'asmjit-debian')}`, '-DFETCHCONTENT_FULLY_DISCONNECTED=ON'] },
];

/** Identifies our driver sources, so AOT artifacts cached under the version line follow their changes. */
export function wamr2DriverHash(): string {
  const h = createHash('sha256');
  for (const f of ['CMakeLists.txt', 'iwasm2.c', 'wamrc2.c', 'read_all.h']) h.update(readFileSync(join(DRIVER_DIR, f)));
  return h.digest('hex').slice(0, 12);
}

const lastLines = (text: string) => text.split('\n').filter((l) => /error|Error|ERROR|undefined reference|not found/.test(l)).slice(-2).join(' | ').slice(0, 300) || 'see the build log';

export async function installWamr2(version: string, log: (m: string) => void): Promise<VersionStatus> {
  const dir = versionDir('wamr', version);
  mkdirSync(join(dir, 'bin'), { recursive: true });
  mkdirSync(join(dir, 'logs'), { recursive: true });
  log(`wamr@${version}: fetch the crate ${WAMR2.crate} ${WAMR2.crateVersion}, then cmake builds of 5 variants (~13 min measured on 2 busy cores, the LLVM-JIT one longest; logs in ${join(dir, 'logs')})`);
  const root = join(await crateSource(WAMR2.crate, WAMR2.crateVersion), 'wasm-micro-runtime');
  const built: Record<string, string> = {}; // variant → '' (built) or why not
  const hash = wamr2DriverHash(); // a variant built from the same driver sources is reused (e.g. after another failed)
  for (const { variant, needs, extra } of VARIANTS) {
    const missing = needs?.();
    if (missing) { built[variant] = missing; log(`wamr@${version}: ${variant} not built: ${missing}`); continue; }
    const stamp = join(dir, 'bin', `.${variant}.built`);
    if (existsSync(stamp) && readFileSync(stamp, 'utf8') === hash) { built[variant] = ''; log(`wamr@${version}: ${variant} already built (${hash})`); continue; }
    const b = join(dir, `build-${variant}`);
    const t0 = Date.now();
    let output = '';
    try {
      const cfg = await execa('cmake', ['-S', DRIVER_DIR, '-B', b, `-DWAMR_ROOT_DIR=${root}`, `-DVARIANT=${variant}`, ...extra()], { all: true, reject: false });
      output = cfg.all ?? '';
      if (cfg.exitCode !== 0) throw new Error(`cmake configure: ${lastLines(output)}`);
      const mk = await execa('cmake', ['--build', b, '-j', '2'], { all: true, reject: false, timeout: 3_600_000 });
      output += `\n${mk.all ?? ''}`;
      if (mk.exitCode !== 0) throw new Error(`build: ${lastLines(mk.all ?? '')}`);
      for (const exe of readdirSync(b).filter((f) => f.startsWith('iwasm2-') || f === 'wamrc2')) copyFileSync(join(b, exe), join(dir, 'bin', exe));
      built[variant] = '';
      writeFileSync(stamp, hash);
      log(`wamr@${version}: built ${variant} in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    } catch (e) {
      built[variant] = (e as Error).message;
      log(`wamr@${version}: ${variant} did not build: ${built[variant]}`);
    } finally {
      writeFileSync(join(dir, 'logs', `${variant}.log`), output);
      rmSync(b, { recursive: true, force: true });
    }
  }
  const mode = (why: string | undefined): ModeStatus => (why ? { ok: false, reason: why } : { ok: null });
  const modes: Record<string, ModeStatus> = {
    classic: mode(built.classic),
    'fast-interp': mode(built['fast-interp']),
    'fast-jit': mode(built['fast-jit']),
    'llvm-jit': mode(built['llvm-jit']),
    aot: mode(built.aot || (built['llvm-jit'] ? `the AOT compiler wamrc2 comes with the llvm-jit variant, which did not build: ${built['llvm-jit']}` : undefined)),
  };
  const cli = Object.keys(modes).map((m) => `bin/iwasm2-${m}`).find((p) => existsSync(join(dir, p)));
  return {
    runtime: 'wamr', version, drivers: cli ? ['cli'] : [], released: '', ok: false, reason: cli ? '' : 'no variant built',
    installed_at: new Date().toISOString(), modes, paths: cli ? { cli } : {}, build: hash,
    version_line: `WAMR ${version} (crate ${WAMR2.crate} ${WAMR2.crateVersion}; our iwasm2/wamrc2 drivers, build ${hash}; LLVM 19)`,
    // released stays empty: neither the crate nor core/version.h carries a date.
    notes: 'built with drivers/wamr2/CMakeLists.txt; fast-interp without SIMD (SIMDe would be fetched)',
  };
}
