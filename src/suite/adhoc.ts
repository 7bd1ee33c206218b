/** An ad-hoc program (a %%bench cell, a source file to compile): its source as a one-off benchmark in the cache. */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cacheDir } from '../paths.js';
import type { Benchmark } from './manifest.js';

/** The benchmark of `source` run with `args`, labelled with `size`; the folder is keyed by the source's hash. */
export function adhocBenchmark(source: string, language: 'c' | 'c++', args: string[], size = 'mini'): Benchmark {
  const key = createHash('sha256').update(`${language}\n${source}`).digest('hex').slice(0, 12);
  const dir = join(cacheDir, 'adhoc', key);
  const file = `cell.${language === 'c++' ? 'cpp' : 'c'}`;
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, file), source);
  return {
    id: `adhoc/${key}`, group: 'adhoc', category: 'adhoc', language, description: 'ad-hoc source',
    origin: 'user', sources: [file], ldflags: ['-lm'], sizes: { [size]: args }, check: 'stdout', dir,
  };
}
