/**
 * Deterministic input generators for benchmark manifests (FORMAT.md `inputs`). Same seed and
 * size → same bytes on every machine, so inputs are generated at run time into the cache and
 * never stored in git.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cacheDir } from '../paths.js';
import type { InputSpec } from './manifest.js';

/**
 * Marsaglia's xorshift32 (2003): plain 32-bit integer arithmetic, so generating hundreds of MB
 * takes about a second in Node. (Not the C side's generator; inputs only need to be stable.)
 */
function* xorshift(seed: number): Generator<number> {
  let x = (seed >>> 0) || 0x9e3779b9;
  for (;;) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    yield x;
  }
}

function randomBytes(n: number, seed: number): Buffer {
  // Inlined generator: a Generator object per 4 bytes would be 10x slower for large inputs.
  const words = new Uint32Array(Math.ceil(n / 4));
  let x = (seed >>> 0) || 0x9e3779b9;
  for (let i = 0; i < words.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    words[i] = x >>> 0;
  }
  return Buffer.from(words.buffer, 0, n);
}

const WORDS = (
  'the of and to in is was that for on as with by at from his an were are which this be has had ' +
  'wasm runtime native compiler memory stack module function import export table global value ' +
  'benchmark kernel matrix vector search string binary tree hash sort cache branch loop thread'
).split(' ');

function text(n: number, seed: number): Buffer {
  const g = xorshift(seed);
  const parts: string[] = [];
  let len = 0;
  let lineLen = 0;
  while (len < n) {
    const w = WORDS[(g.next().value as number) % WORDS.length]!;
    const sep = lineLen > 60 ? '\n' : ' ';
    lineLen = sep === '\n' ? 0 : lineLen + w.length + 1;
    parts.push(w, sep);
    len += w.length + 1;
  }
  return Buffer.from(parts.join('').slice(0, n), 'latin1');
}

/** 16-bit little-endian mono PCM: three tones plus noise, so ADPCM-style codecs have work. */
function pcm16(n: number, seed: number): Buffer {
  const g = xorshift(seed);
  const samples = Math.floor(n / 2);
  const buf = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++) {
    const t = i / 8000;
    const noise = ((g.next().value as number) / 2 ** 32 - 0.5) * 2000;
    const v = 8000 * Math.sin(2 * Math.PI * 440 * t) + 4000 * Math.sin(2 * Math.PI * 1250 * t) +
      2000 * Math.sin(2 * Math.PI * 97 * t) + noise;
    buf.writeInt16LE(Math.max(-32768, Math.min(32767, Math.round(v))), i * 2);
  }
  return buf;
}

export const GENERATORS: Record<string, (bytes: number, seed: number) => Buffer> = {
  'random-bytes': randomBytes,
  text,
  pcm16,
};

/**
 * Path of the generated file for (spec, size), generating it once into the cache.
 * Throws with the list of known generators when the name is unknown.
 */
export function generatedInput(spec: InputSpec, size: string): string {
  const gen = GENERATORS[spec.generator];
  if (!gen) throw new Error(`unknown input generator "${spec.generator}" (known: ${Object.keys(GENERATORS).join(', ')})`);
  const bytes = spec.size[size] ?? spec.size.mini;
  if (bytes === undefined) throw new Error(`input "${spec.name}" has no size for "${size}"`);
  const key = createHash('sha256').update(`${spec.generator}:${spec.seed ?? 1}:${bytes}:v1`).digest('hex').slice(0, 16);
  const dir = join(cacheDir, 'inputs');
  const file = join(dir, `${spec.generator}-${key}`);
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(`${file}.tmp${process.pid}`, gen(bytes, spec.seed ?? 1));
    renameSync(`${file}.tmp${process.pid}`, file);
  }
  return file;
}
