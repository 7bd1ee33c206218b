/**
 * A crate's unpacked sources, fetched with cargo (the ordinary client) through a throwaway
 * manifest: the same folder layout as setup/lib.sh's crate_src, so setup and `runtime add`
 * share the fetch. Returns the folder in cargo's registry (read-only by convention: copy or
 * build out of tree).
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { cacheDir } from '../../paths.js';

export async function crateSource(name: string, version: string): Promise<string> {
  const dir = join(cacheDir, 'crates', `${name}-${version}`);
  const cargoHome = process.env.CARGO_HOME ?? join(homedir(), '.cargo');
  if (!existsSync(join(dir, '.fetched'))) {
    mkdirSync(join(dir, 'probe', 'src'), { recursive: true });
    writeFileSync(join(dir, 'probe', 'Cargo.toml'), `[package]\nname = "probe"\nversion = "0.0.0"\nedition = "2021"\n[dependencies]\n${name} = "=${version}"\n`);
    writeFileSync(join(dir, 'probe', 'src', 'main.rs'), 'fn main() {}\n');
    await execa('cargo', ['fetch', '-q'], { cwd: join(dir, 'probe'), timeout: 600_000 });
    writeFileSync(join(dir, '.fetched'), '');
  }
  const src = join(cargoHome, 'registry', 'src');
  for (const index of existsSync(src) ? readdirSync(src) : []) {
    const p = join(src, index, `${name}-${version}`);
    if (existsSync(p)) return p;
  }
  throw new Error(`crate ${name} ${version} not found under ${src} after cargo fetch`);
}
