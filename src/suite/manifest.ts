/**
 * The benchmark manifest (bench.json, documented in FORMAT.md): its type and its validation.
 * Validation errors name the file and the field, so a broken user manifest says what to fix.
 */
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface InputSpec {
  name: string;
  generator: string;
  seed?: number;
  size: Record<string, number>;
}

export interface BenchManifest {
  id: string;
  group: string;
  category: string;
  language: 'c' | 'c++';
  description: string;
  origin: string;
  sources: string[];
  source_root?: string;
  include?: string[];
  cflags?: string[];
  native_cflags?: string[];
  wasm_cflags?: string[];
  ldflags?: string[];
  native_ldflags?: string[];
  wasm_ldflags?: string[];
  sizes: Record<string, string[]>;
  inputs?: InputSpec[];
  files?: string[];
  stdin?: string;
  outputs?: string[];
  /**
   * What the output check compares with the reference run: stdout, stderr (minus wasmlab's own
   * `@wasmlab` lines) and/or the `outputs` files, joined by "+"; "none" turns the check off.
   */
  check: CheckSpec;
  /**
   * With `check: "none"` only: what to compare with the reference run anyway, for information.
   * The row's output_ok says whether it matched, but a mismatch never makes the run
   * `wrong-output` (WABench imports: its CheckResult=false entries, with the spec
   * CheckResult=true would have used).
   */
  advisory_check?: Exclude<CheckSpec, 'none'>;
  /** Why the check is off, in the row's reason ("by WABench (CheckResult=false)"); default "(check: none)". */
  check_note?: string;
  timeout_s?: number;
  /** Whether the run folder is preopened for WASI as "." (default true; WABench's empty WasmDir → false). */
  preopen?: boolean;
  /** Default repetition count when the user gives none (WABench's Iter). */
  reps?: number;
  /**
   * "zero" (default): a non-zero exit status is a failed run. "compared": the exit status is part
   * of the output, compared with the reference's (WABench never looks at it; its blowfish always
   * ends with exit(1)).
   */
  exit_status?: 'zero' | 'compared';
  /**
   * A module built outside wasmlab (`run --wasm`), never in a bench.json: the toolchain uses this
   * file as the wasm artifact and has no native build; `expect` holds the expected stdout.
   */
  prebuilt?: { wasm: string; expect?: string };
}

export type CheckSpec = 'stdout' | 'files' | 'stdout+files' | 'stderr' | 'stdout+stderr' | 'stderr+files' | 'stdout+stderr+files' | 'none';
export const CHECKS: readonly CheckSpec[] = ['stdout', 'files', 'stdout+files', 'stderr', 'stdout+stderr', 'stderr+files', 'stdout+stderr+files', 'none'];
/** Whether a check compares `part` (stdout, stderr or files). */
export const checks = (c: CheckSpec, part: 'stdout' | 'stderr' | 'files'): boolean => c.split('+').includes(part);

/** A manifest plus where it was found. */
export interface Benchmark extends BenchManifest {
  /** Folder holding bench.json (files/ and relative sources resolve against it). */
  dir: string;
}

export class ManifestError extends Error {}

const str = (v: unknown) => typeof v === 'string' && v.length > 0;
const strArray = (v: unknown) => Array.isArray(v) && v.every((x) => typeof x === 'string');

export function validateManifest(m: unknown, where: string): BenchManifest {
  const bad = (field: string, want: string): never => {
    throw new ManifestError(`${where}: field "${field}" must be ${want}`);
  };
  if (typeof m !== 'object' || m === null) throw new ManifestError(`${where}: not a JSON object`);
  const o = m as Record<string, unknown>;
  for (const f of ['id', 'group', 'category', 'description', 'origin']) if (!str(o[f])) bad(f, 'a non-empty string');
  if (o.language !== 'c' && o.language !== 'c++') bad('language', '"c" or "c++"');
  if (!strArray(o.sources) || (o.sources as string[]).length === 0) bad('sources', 'a non-empty array of paths');
  for (const f of ['include', 'cflags', 'native_cflags', 'wasm_cflags', 'ldflags', 'native_ldflags', 'wasm_ldflags', 'files', 'outputs']) {
    if (o[f] !== undefined && !strArray(o[f])) bad(f, 'an array of strings');
  }
  const sizes = o.sizes as Record<string, unknown> | undefined;
  if (typeof sizes !== 'object' || sizes === null) bad('sizes', 'an object of size → argument list');
  for (const [k, v] of Object.entries(sizes as object)) if (!strArray(v)) bad(`sizes.${k}`, 'an array of strings');
  if (!('mini' in (sizes as object))) bad('sizes.mini', 'present (the size tests run)');
  if (!(CHECKS as readonly string[]).includes(o.check as string)) bad('check', `one of ${CHECKS.map((c) => `"${c}"`).join(', ')}`);
  if (checks(o.check as CheckSpec, 'files') && !(strArray(o.outputs) && (o.outputs as string[]).length)) bad('outputs', 'listed when check includes files');
  if (o.advisory_check !== undefined) {
    if (o.check !== 'none') bad('advisory_check', 'left out unless "check" is "none" (the check itself compares)');
    if (o.advisory_check === 'none' || !(CHECKS as readonly string[]).includes(o.advisory_check as string)) {
      bad('advisory_check', `one of ${CHECKS.filter((c) => c !== 'none').map((c) => `"${c}"`).join(', ')}`);
    }
    if (checks(o.advisory_check as CheckSpec, 'files') && !(strArray(o.outputs) && (o.outputs as string[]).length)) bad('outputs', 'listed when advisory_check includes files');
  }
  if (o.check_note !== undefined && !str(o.check_note)) bad('check_note', 'a non-empty string');
  if (o.preopen !== undefined && typeof o.preopen !== 'boolean') bad('preopen', 'true or false');
  if (o.exit_status !== undefined && o.exit_status !== 'zero' && o.exit_status !== 'compared') bad('exit_status', '"zero" or "compared"');
  if (o.reps !== undefined && !(Number.isInteger(o.reps) && (o.reps as number) >= 1)) bad('reps', 'a positive integer');
  if (o.inputs !== undefined) {
    if (!Array.isArray(o.inputs)) bad('inputs', 'an array');
    (o.inputs as unknown[]).forEach((inp, i) => {
      const x = inp as Record<string, unknown>;
      if (!str(x?.name)) bad(`inputs[${i}].name`, 'a file name');
      if (!str(x?.generator)) bad(`inputs[${i}].generator`, 'a generator name');
      if (typeof x?.size !== 'object') bad(`inputs[${i}].size`, 'an object of size → bytes');
    });
  }
  if (o.stdin !== undefined && !str(o.stdin)) bad('stdin', 'a file name');
  return o as unknown as BenchManifest;
}

export function readManifest(file: string): Benchmark {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new ManifestError(`${file}: ${(e as Error).message}`);
  }
  return { ...validateManifest(raw, file), dir: dirname(file) };
}
