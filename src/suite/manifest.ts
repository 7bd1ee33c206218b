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
  check: 'stdout' | 'files' | 'stdout+files';
  timeout_s?: number;
}

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
  if (!['stdout', 'files', 'stdout+files'].includes(o.check as string)) bad('check', '"stdout", "files" or "stdout+files"');
  if (o.check !== 'stdout' && !(strArray(o.outputs) && (o.outputs as string[]).length)) bad('outputs', 'listed when check includes files');
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
