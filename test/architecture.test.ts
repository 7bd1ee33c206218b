/**
 * The floors of wasmlab, enforced. The floor table is written once, in docs/ARCHITECTURE.md; this
 * test parses it, reads every relative import of src/ and kernel/ (static imports, `export … from`,
 * `import('…')` and `import(new URL('…', import.meta.url))`), and fails on an import that goes up a
 * floor, on a circle of files, and on two folders of one floor that import each other, naming the
 * file and the import. A small checker, tested first on a synthetic graph so it cannot pass by
 * seeing nothing.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import ts from 'typescript';
import { repoRoot } from '../src/paths.js';

/** One import: the file that has it, what it wrote, and the repo-relative file it names. */
interface Edge { from: string; spec: string; to: string }
/** A floor's entries: a file (`src/api.ts`) or a folder (`src/store/`), lowest floor first. */
type Floors = readonly (readonly string[])[];

/** The floor table of docs/ARCHITECTURE.md: rows `| N | `a/` `b.ts` … | … |`. */
function floorTable(markdown: string): Floors {
  const floors: string[][] = [];
  for (const line of markdown.split('\n')) {
    const m = /^\|\s*(\d+)\s*\|([^|]*)\|/.exec(line);
    if (!m) continue;
    assert.equal(Number(m[1]), floors.length, `floor rows in order from 0: ${line}`);
    floors.push([...m[2]!.matchAll(/`([^`]+)`/g)].map((x) => x[1]!));
  }
  return floors;
}

/** The entry (file or folder) of the table a file belongs to: the longest that matches. */
function entryOf(file: string, floors: Floors): { entry: string; floor: number } | undefined {
  let best: { entry: string; floor: number } | undefined;
  floors.forEach((entries, floor) => {
    for (const entry of entries) {
      const hit = entry.endsWith('/') ? file.startsWith(entry) : file === entry;
      if (hit && (!best || entry.length > best.entry.length)) best = { entry, floor };
    }
  });
  return best;
}

/** Strongly connected components (Tarjan) of a graph given as node → successors. */
function components(nodes: readonly string[], next: (n: string) => readonly string[]): string[][] {
  const index = new Map<string, number>(), low = new Map<string, number>(), stack: string[] = [], on = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    index.set(v, index.size); low.set(v, index.get(v)!); stack.push(v); on.add(v);
    for (const w of next(v)) {
      if (!index.has(w)) { visit(w); low.set(v, Math.min(low.get(v)!, low.get(w)!)); } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const c: string[] = [];
      for (let w = stack.pop()!; ; w = stack.pop()!) { on.delete(w); c.push(w); if (w === v) break; }
      out.push(c);
    }
  };
  for (const n of nodes) if (!index.has(n)) visit(n);
  return out;
}

/** One circle through `start` inside a component, as the imports that make it. */
function circleFrom(start: string, inside: Set<string>, edges: readonly Edge[]): Edge[] {
  const seen = new Map<string, Edge | null>([[start, null]]);
  const queue = [start];
  for (const v of queue) {
    for (const e of edges.filter((x) => x.from === v && inside.has(x.to))) {
      if (e.to === start) {
        const path = [e];
        for (let p = seen.get(v); p; p = seen.get(p.from)) path.unshift(p);
        return path;
      }
      if (!seen.has(e.to)) { seen.set(e.to, e); queue.push(e.to); }
    }
  }
  return [];
}

const said = (e: Edge) => `${e.from} imports '${e.spec}'`;

/** Every way `edges` break the floors: one line each, naming the file and the import. */
export function layerProblems(files: readonly string[], edges: readonly Edge[], floors: Floors): string[] {
  const problems: string[] = [];
  for (const f of files) if (!entryOf(f, floors)) problems.push(`${f} is on no floor: add it (or its folder) to the table in docs/ARCHITECTURE.md`);
  for (const e of edges) {
    const a = entryOf(e.from, floors), b = entryOf(e.to, floors);
    if (!existsSync(join(repoRoot, e.to)) && !files.includes(e.to)) problems.push(`${said(e)}, which does not exist`);
    else if (a && b && b.floor > a.floor) problems.push(`${said(e)}: up from floor ${a.floor} (${a.entry}) to floor ${b.floor} (${b.entry})`);
  }
  // Circles of files: the shortest through each file of a tangle, each circle once (one tangle
  // can hold several circles, and a new one must not hide an old one).
  const internal = edges.filter((e) => files.includes(e.to));
  for (const c of components(files, (n) => internal.filter((e) => e.from === n).map((e) => e.to))) {
    const inside = new Set(c);
    if (c.length === 1 && !internal.some((e) => e.from === c[0] && e.to === c[0])) continue;
    const seen = new Set<string>();
    for (const start of [...c].sort()) {
      const circle = circleFrom(start, inside, internal);
      const key = circle.map((e) => e.from).sort().join('\n');
      if (!seen.has(key)) { seen.add(key); problems.push(`circle: ${circle.map(said).join(', ')}`); }
    }
  }
  // Folders of one floor that import each other (sideways is fine, both ways is a circle).
  const between = internal.map((e) => ({ e, a: entryOf(e.from, floors), b: entryOf(e.to, floors) }))
    .filter((x) => x.a && x.b && x.a.entry !== x.b.entry && x.a.floor === x.b.floor);
  const entries = [...new Set(between.flatMap((x) => [x.a!.entry, x.b!.entry]))];
  for (const c of components(entries, (n) => between.filter((x) => x.a!.entry === n).map((x) => x.b!.entry))) {
    if (c.length < 2) continue;
    const why = between.filter((x) => c.includes(x.a!.entry) && c.includes(x.b!.entry)).map((x) => said(x.e));
    problems.push(`folders ${c.sort().join(' and ')} of one floor import each other: ${why.join(', ')}`);
  }
  return problems;
}

/** The relative imports of one source file, as written. */
export function importsOf(source: string): string[] {
  const found = ts.preProcessFile(source, true, true).importedFiles.map((f) => f.fileName);
  // import(new URL('../x.js', import.meta.url).href): a file named relative to this module.
  for (const m of source.matchAll(/new URL\(\s*(['"])([^'"]+)\1\s*,\s*import\.meta\.url\s*\)/g)) found.push(m[2]!);
  return found.filter((s) => s.startsWith('./') || s.startsWith('../'));
}

function sourceFiles(dir: string): string[] {
  const abs = join(repoRoot, dir);
  return readdirSync(abs).flatMap((n) => {
    const p = join(dir, n);
    if (statSync(join(repoRoot, p)).isDirectory()) return n === 'programs' ? [] : sourceFiles(p);
    return /\.(ts|mts)$/.test(n) && !n.endsWith('.d.ts') ? [p] : [];
  });
}

/** The import graph of src/ and kernel/, repo-relative, `.js` specifiers mapped to their `.ts` sources. */
function importGraph(): { files: string[]; edges: Edge[] } {
  const files = [...sourceFiles('src'), ...sourceFiles('kernel')];
  const edges = files.flatMap((from) => importsOf(readFileSync(join(repoRoot, from), 'utf8')).map((spec) => ({
    from, spec, to: relative(repoRoot, resolve(repoRoot, dirname(from), spec)).replace(/\.js$/, '.ts').replace(/\.mjs$/, '.mts'),
  })));
  return { files, edges: edges.filter((e) => /^(src|kernel)\//.test(e.to)) };
}

const FLOORS_DOC = join(repoRoot, 'docs', 'ARCHITECTURE.md');

test('the checker finds a back-arrow, a circle, folders importing each other and a file on no floor', () => {
  const floors: Floors = [['low.ts'], ['mid/', 'side/'], ['top.ts']];
  const files = ['low.ts', 'mid/a.ts', 'mid/b.ts', 'side/c.ts', 'top.ts', 'stray/d.ts'];
  const e = (from: string, to: string): Edge => ({ from, spec: `./${to}`, to });
  const problems = layerProblems(files, [
    e('top.ts', 'mid/a.ts'), // down: fine
    e('low.ts', 'top.ts'), // up
    e('mid/a.ts', 'mid/b.ts'), e('mid/b.ts', 'mid/a.ts'), // a circle inside a folder
    e('side/c.ts', 'mid/a.ts'), e('mid/b.ts', 'side/c.ts'), // sideways both ways
  ], floors);
  assert.ok(problems.includes("low.ts imports './top.ts': up from floor 0 (low.ts) to floor 2 (top.ts)"), problems.join('\n'));
  assert.ok(problems.some((p) => p.startsWith('circle: ') && p.includes("mid/a.ts imports './mid/b.ts'") && p.includes("mid/b.ts imports './mid/a.ts'")), problems.join('\n'));
  assert.ok(problems.some((p) => p.startsWith('folders mid/ and side/ of one floor import each other')), problems.join('\n'));
  assert.ok(problems.includes('stray/d.ts is on no floor: add it (or its folder) to the table in docs/ARCHITECTURE.md'), problems.join('\n'));
  // mid/a ⇄ mid/b, and side/c → mid/a → mid/b → side/c: two circles of one tangle, both named.
  assert.ok(problems.includes("circle: side/c.ts imports './mid/a.ts', mid/a.ts imports './mid/b.ts', mid/b.ts imports './side/c.ts'"), problems.join('\n'));
  assert.equal(problems.filter((p) => p.startsWith('circle: ')).length, 2, problems.join('\n'));
  assert.deepEqual(layerProblems(['low.ts', 'top.ts'], [e('top.ts', 'low.ts')], floors), []);
});

test('the import reader sees every form of import', () => {
  const src = [
    "import a from './a.js';", "import type { B } from '../b.js';", 'import {', '  c,', "} from './c.js';",
    "export { d } from './d.js';", "export * from './e.js';", "import './f.js';", "const g = await import('./g.js');",
    "const h = await import(new URL('../../h.js', import.meta.url).href);", "import x from 'node:fs';", "// import y from './y.js';",
  ].join('\n');
  assert.deepEqual(importsOf(src).sort(), ['../../h.js', '../b.js', './a.js', './c.js', './d.js', './e.js', './f.js', './g.js']);
});

test('src/ and kernel/ keep to the floors of docs/ARCHITECTURE.md: no import up a floor, no circle', () => {
  const floors = floorTable(readFileSync(FLOORS_DOC, 'utf8'));
  assert.ok(floors.length >= 5, `docs/ARCHITECTURE.md has its floor table (${floors.length} rows found)`);
  const { files, edges } = importGraph();
  assert.ok(files.length > 100 && edges.length > 300, `read ${files.length} files and ${edges.length} imports`);
  const problems = layerProblems(files, edges, floors);
  if (problems.length) assert.fail(`${problems.length} import(s) break the floors (docs/ARCHITECTURE.md):\n${problems.join('\n')}`);
});

test('every helper program in drivers/ says in its first lines who runs it, and something names it', () => {
  const dir = join(repoRoot, 'drivers');
  const users = ['src', 'kernel', 'setup', 'test', 'bench'].flatMap((d) => allFiles(join(repoRoot, d)))
    .filter((f) => !f.endsWith('.md')).map((f) => readFileSync(f, 'utf8'));
  // A folder (a driver with its build files, e.g. wamr2/) is named as a whole; each file in it
  // still carries its header.
  const top = readdirSync(dir).filter((x) => !x.endsWith('.md'));
  for (const t of top.filter((x) => statSync(join(dir, x)).isDirectory())) {
    assert.ok(users.some((u) => u.includes(`drivers/${t}`) || u.includes(`'${t}'`)), `drivers/${t}/ is named by some code, setup step or test`);
  }
  for (const n of top.flatMap((x) => (statSync(join(dir, x)).isDirectory() ? allFiles(join(dir, x)).map((f) => relative(dir, f)) : [x]))) {
    const head = readFileSync(join(dir, n), 'utf8').split('\n').slice(0, 12).join('\n');
    assert.match(head, /^(\/\*|\/\/|"""|#)/, `drivers/${n} starts with its header comment`);
    // A program says who runs it; a build file beside one (CMakeLists.txt) only needs its header.
    if (!/CMakeLists\.txt$/.test(n)) assert.match(head, /\b(run|runs|ran|started|starts|builds|built|calls)\b/i, `drivers/${n}'s header says who runs it`);
    if (!n.includes('/')) assert.ok(users.some((t) => t.includes(n)), `drivers/${n} is named by some code, setup step or test`);
  }
});

function allFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((n) => {
    if (n === 'programs' || n === 'node_modules') return [];
    const p = join(dir, n);
    return statSync(p).isDirectory() ? allFiles(p) : [p];
  });
}
