/** Where wasmlab keeps things: the checkout, the per-user cache, the tool links. */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(): string {
  // Compiled code lives in dist/src/…, sources in src/…: walk up to the package.json.
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('wasmlab: cannot find the checkout (no package.json above the code)');
    dir = up;
  }
  return dir;
}

/** The wasmlab checkout. */
export const repoRoot = findRoot();
/** Per-user cache shared by all clones: built runtimes, compiled artifacts, generated inputs. */
export const cacheDir = resolve(process.env.WASMLAB_CACHE ?? join(homedir(), '.cache', 'wasmlab'));
/** Setup links every tool it installs here. */
export const binDir = join(cacheDir, 'bin');
/** Benchmark programs shipped with wasmlab. */
export const programsDir = join(repoRoot, 'src', 'suite', 'programs');
/** The C header every benchmark program includes. */
export const benchIncludeDir = join(repoRoot, 'src', 'suite', 'include');
/** Setup's scripts, patches and pinned versions. */
export const setupDir = join(repoRoot, 'setup');
/** The command that sets up everything, as a fix message names it (run from the checkout). */
export const SETUP_COMMAND = 'bash setup/setup.sh';
/** The command that runs one setup step (setup/steps/NAME.sh), as a fix message names it. */
export const setupStep = (name: string): string => `bash setup/steps/${name}.sh`;
/** Helper programs that run inside a measured process or drive Jupyter: one home (drivers/README.md). */
export const driversDir = join(repoRoot, 'drivers');
