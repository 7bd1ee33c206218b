/**
 * Let cells in a notebook outside the checkout name wasmlab's types. tslab type-checks each cell
 * as a file in the notebook's folder and carries the declarations of its variables to the next
 * cell. A variable whose type lives in a node_modules the notebook's folder cannot reach
 * (`let df = await wl.frame(…)`: danfojs's DataFrame) cannot be written there (TS2742, also for
 * nested `x/node_modules/y` paths), and the cell fails. So the TypeScript system tslab uses sees
 * a virtual `<notebook dir>/node_modules` that holds the checkout as `wasmlab` and the
 * checkout's packages (where the notebook's folder has none of that name): reached through it,
 * every type has a portable name ("danfojs-node"). Run-time `require` gets the checkout's
 * node_modules as a fallback search path, so `import … from "danfojs-node"` runs too.
 */
import { createRequire, Module } from 'node:module';
import { existsSync } from 'node:fs';
import { delimiter, join, relative, sep } from 'node:path';
import { repoRoot } from '../src/paths.js';

interface TsSys {
  fileExists(p: string): boolean;
  directoryExists(p: string): boolean;
  readFile(p: string, enc?: string): string | undefined;
  readDirectory(p: string, ...rest: unknown[]): string[];
  getDirectories(p: string): string[];
  realpath?(p: string): string;
}

/** The folder cells import wasmlab's types from, for a kernel started in `cwd`. */
export function typeRoot(cwd: string): string {
  const rel = relative(repoRoot, cwd);
  if (rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep))) return repoRoot;
  const nm = join(cwd, 'node_modules');
  if (existsSync(join(nm, 'wasmlab'))) return join(nm, 'wasmlab'); // a real install there
  mapVirtual(nm);
  addRequireFallback(join(repoRoot, 'node_modules'));
  return join(nm, 'wasmlab');
}

function mapVirtual(nm: string): void {
  const tsRequire = createRequire(createRequire(import.meta.url).resolve('tslab/dist/converter.js'));
  const sys = (tsRequire('@tslab/typescript-for-tslab') as { sys: TsSys }).sys;
  const o = { ...sys };
  const realNm = join(repoRoot, 'node_modules');
  const hidden = join(nm, 'wasmlab', 'node_modules');
  /** Virtual path → real path; null when hidden; the path itself when not ours. */
  const map = (p: string): string | null => {
    if (!p.startsWith(nm + '/')) return p;
    if (p === hidden || p.startsWith(hidden + '/')) return null; // resolve wasmlab's deps at the top
    const rest = p.slice(nm.length + 1);
    const pkg = rest.startsWith('@') ? rest.split('/').slice(0, 2).join('/') : rest.split('/')[0];
    if (pkg === 'wasmlab') return join(repoRoot, rest.slice('wasmlab'.length));
    if (o.directoryExists(join(nm, pkg))) return p; // the notebook's own package wins
    return join(realNm, rest);
  };
  sys.fileExists = (p) => {
    const m = map(p);
    return m !== null && o.fileExists(m);
  };
  sys.directoryExists = (p) => {
    if (p === nm) return true;
    const m = map(p);
    return m !== null && o.directoryExists(m);
  };
  sys.readFile = (p, enc) => {
    const m = map(p);
    return m === null ? undefined : o.readFile(m, enc);
  };
  sys.readDirectory = (p, ...rest) => {
    const m = map(p);
    return m === null ? [] : o.readDirectory(m, ...rest).map((f) => (m === p ? f : p + f.slice(m.length)));
  };
  sys.getDirectories = (p) => {
    if (p === nm) return ['wasmlab', ...new Set([...safe(() => o.getDirectories(nm)), ...safe(() => o.getDirectories(realNm))])];
    const m = map(p);
    return m === null ? [] : safe(() => o.getDirectories(m));
  };
  // Keep virtual paths virtual: a real path would put the file out of the notebook's reach again.
  if (o.realpath) sys.realpath = (p) => (map(p) !== p ? p : o.realpath!(p));
}

function safe(f: () => string[]): string[] {
  try {
    return f();
  } catch {
    return [];
  }
}

/** Add a global search folder for CommonJS require (what NODE_PATH does), for this process only. */
function addRequireFallback(dir: string): void {
  const saved = process.env.NODE_PATH;
  process.env.NODE_PATH = [saved, dir].filter(Boolean).join(delimiter);
  (Module as unknown as { _initPaths(): void })._initPaths();
  // Children (runtimes under test) must not inherit it.
  if (saved === undefined) delete process.env.NODE_PATH;
  else process.env.NODE_PATH = saved;
}
