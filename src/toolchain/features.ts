/**
 * Build features: named variants of a build, each a set of compiler flags per target. A build's
 * feature set is part of its artifact cache key (through the flags), of every row (`features`)
 * and of the run key, so runs of different feature sets never stand in for each other.
 *
 * - `simd128`: the wasm build adds `-msimd128` (WebAssembly 128-bit SIMD, so clang's
 *   auto-vectorizer can use v128). Native is unchanged: it stays at the x86-64 baseline, whose
 *   SSE2 vectors are 128 bits wide too — both sides then have vectors of the same width.
 * - `novec`: every target is built with `-fno-vectorize -fno-slp-vectorize` (no
 *   auto-vectorization). On native that is the reference "what are native's vectors worth"
 *   (native `novec` vs native plain); MVP wasm has no vectors to lose, and `simd128,novec` keeps
 *   only explicit SIMD (wasm_simd128.h intrinsics), which is what hand-vectorized kernels want.
 * A feature is a build variant of every target rather than a new target, so native `novec` and
 * wasm `simd128` rows sit in one table and are compared like any two feature sets.
 */
import { UsageError } from '../errors.js';
import type { BuildTarget } from './compilers.js';

interface FeatureInfo {
  description: string;
  flags: Record<BuildTarget, readonly string[]>;
}

export const BUILD_FEATURES: Readonly<Record<string, FeatureInfo>> = {
  simd128: {
    description: 'WebAssembly 128-bit SIMD in the wasm build (-msimd128); native stays at the x86-64 baseline (SSE2)',
    flags: { wasm: ['-msimd128'], native: [] },
  },
  novec: {
    description: 'no auto-vectorization on any target (-fno-vectorize -fno-slp-vectorize): the reference without vectors',
    flags: { wasm: ['-fno-vectorize', '-fno-slp-vectorize'], native: ['-fno-vectorize', '-fno-slp-vectorize'] },
  },
};

export const FEATURE_NAMES = Object.keys(BUILD_FEATURES);

/**
 * A feature list as the one canonical set: sorted, without duplicates, every name known.
 * Accepts an array or "a,b" (the CLI's `--features a,b`); "" and [] are the plain build.
 */
export function parseFeatures(list: readonly string[] | string | undefined): string[] {
  const names = (typeof list === 'string' ? [list] : list ?? []).flatMap((s) => String(s).split(',')).map((s) => s.trim()).filter(Boolean);
  for (const n of names) {
    if (!Object.hasOwn(BUILD_FEATURES, n)) throw new UsageError(`unknown build feature "${n}" (features: ${FEATURE_NAMES.join(', ')})`);
  }
  return [...new Set(names)].sort();
}

/** The `features` column: "" for the plain build, else the names joined by ",". */
export function featuresLabel(features: readonly string[]): string {
  return [...features].sort().join(',');
}

/** The compiler flags a feature set adds to a target's build. */
export function featureFlags(features: readonly string[], target: BuildTarget): string[] {
  return featuresLabel(features).split(',').filter(Boolean).flatMap((f) => [...(BUILD_FEATURES[f]?.flags[target] ?? [])]);
}

/** Does this feature set need the runtime to run SIMD instructions? */
export function needsSimd(features: readonly string[]): boolean {
  return features.includes('simd128');
}
