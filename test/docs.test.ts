/**
 * The documentation shelf holds together: every relative link in README.md and docs/*.md names a
 * file or folder of the repository (and, with `#anchor`, a heading of that page), every table
 * row has as many cells as its header, every page of docs/ is linked from the README, the README
 * stays short, and no page cites a file outside the repository (the "(FACTS)" notes that once
 * pointed at a machine's private notes).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '../src/paths.js';

const README = join(repoRoot, 'README.md');
const DOCS = join(repoRoot, 'docs');
const README_MAX_LINES = 200;

const pages = [README, ...readdirSync(DOCS).filter((f) => f.endsWith('.md')).sort().map((f) => join(DOCS, f))];

/** The text a reader sees as prose: fenced code blocks and inline code spans blanked out. */
function prose(markdown: string): string {
  const lines = markdown.split('\n');
  let fenced = false;
  return lines.map((line) => {
    if (/^\s*(```|~~~)/.test(line)) { fenced = !fenced; return ''; }
    return fenced ? '' : line.replace(/`[^`]*`/g, '');
  }).join('\n');
}

interface Link { target: string; line: number }

/** Inline links and images `[text](target)` / `![alt](target)`, and reference definitions `[x]: target`. */
function linksOf(markdown: string): Link[] {
  const out: Link[] = [];
  prose(markdown).split('\n').forEach((line, i) => {
    for (const m of line.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) out.push({ target: m[1]!, line: i + 1 });
    const def = /^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/.exec(line);
    if (def) out.push({ target: def[1]!, line: i + 1 });
  });
  return out;
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function anchorsOf(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) { fenced = !fenced; continue; }
    const h = fenced ? null : /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!h) continue;
    const text = h[1]!.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/[`*_]/g, '');
    const base = text.toLowerCase().replace(/[^\p{L}\p{N}\s-]/gu, '').replace(/\s/g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    anchors.add(n === 0 ? base : `${base}-${n}`);
  }
  return anchors;
}

const isExternal = (target: string) => /^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//');

/** Paths git ignores (build output, caches, the venv): on disk here, but not in the repository. */
function ignoredByGit(paths: string[]): Set<string> | null {
  if (paths.length === 0) return new Set();
  const r = spawnSync('git', ['check-ignore', '--stdin', '--no-index'], { cwd: repoRoot, input: paths.join('\n'), encoding: 'utf8' });
  if (r.error || (r.status !== 0 && r.status !== 1)) return null;
  return new Set(r.stdout.split('\n').filter(Boolean));
}

test(`README.md is at most ${README_MAX_LINES} lines`, () => {
  const lines = readFileSync(README, 'utf8').replace(/\n$/, '').split('\n').length;
  assert.ok(lines <= README_MAX_LINES, `README.md has ${lines} lines; move a topic into docs/ (limit ${README_MAX_LINES})`);
});

test('every relative link in README.md and docs/*.md resolves to a file of the repository', (t) => {
  const broken: string[] = [];
  const targets: { page: string; line: number; target: string; path: string }[] = [];
  for (const page of pages) {
    const text = readFileSync(page, 'utf8');
    for (const { target, line } of linksOf(text)) {
      if (isExternal(target)) continue;
      const [pathPart, anchor] = target.split('#', 2) as [string, string | undefined];
      const where = `${relative(repoRoot, page)}:${line}: ${target}`;
      const path = pathPart === '' ? page : resolve(dirname(page), decodeURIComponent(pathPart));
      if (path !== repoRoot && !path.startsWith(repoRoot + sep)) { broken.push(`${where} (outside the repository)`); continue; }
      if (!existsSync(path)) { broken.push(`${where} (no such file)`); continue; }
      if (anchor !== undefined && path.endsWith('.md') && statSync(path).isFile()
        && !anchorsOf(readFileSync(path, 'utf8')).has(anchor.toLowerCase())) {
        broken.push(`${where} (no heading with anchor #${anchor} in ${relative(repoRoot, path)})`);
        continue;
      }
      targets.push({ page, line, target, path: relative(repoRoot, path) || '.' });
    }
  }
  const ignored = ignoredByGit([...new Set(targets.map((x) => x.path))]);
  if (ignored === null) t.diagnostic('git is not available: links were checked on disk only, not against .gitignore');
  for (const x of targets) {
    if (ignored?.has(x.path)) broken.push(`${relative(repoRoot, x.page)}:${x.line}: ${x.target} (a file git ignores, not part of the repository)`);
  }
  assert.ok(targets.length > 20, `only ${targets.length} relative links found: is the link parser broken?`);
  assert.deepEqual(broken, [], `broken links:\n${broken.join('\n')}`);
});

test('every page of docs/ is linked from README.md', () => {
  const linked = new Set(linksOf(readFileSync(README, 'utf8'))
    .filter((l) => !isExternal(l.target))
    .map((l) => resolve(repoRoot, l.target.split('#')[0]!)));
  const orphans = pages.filter((p) => p !== README && !linked.has(p)).map((p) => relative(repoRoot, p));
  assert.deepEqual(orphans, [], `pages no one can find from the README: ${orphans.join(', ')}`);
});

test('README.md and docs/ cite no file outside the repository', () => {
  const cites: string[] = [];
  for (const page of pages) {
    readFileSync(page, 'utf8').split('\n').forEach((line, i) => {
      if (/\(FACTS\b|\bFACTS\.md\b/.test(line)) cites.push(`${relative(repoRoot, page)}:${i + 1}: ${line.trim()}`);
    });
  }
  assert.deepEqual(cites, [], `cite a page of docs/ instead:\n${cites.join('\n')}`);
});

/** Cells of a table row as GitHub splits them: on every pipe not escaped with a backslash, code spans included. */
const cellsOf = (row: string) => row.trim().replace(/^\|/, '').replace(/(?<!\\)\|$/, '').split(/(?<!\\)\|/).length;

test('every table row in README.md and docs/*.md has as many cells as its header', () => {
  const bad: string[] = [];
  for (const page of pages) {
    let header = 0;
    let fenced = false;
    readFileSync(page, 'utf8').split('\n').forEach((line, i) => {
      if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
      if (fenced || !line.startsWith('|')) { header = 0; return; }
      if (header === 0) { header = cellsOf(line); return; }
      const n = cellsOf(line);
      if (n !== header) bad.push(`${relative(repoRoot, page)}:${i + 1}: ${n} cells, the header has ${header} (a bare | inside a cell? escape it as \\|)`);
    });
  }
  assert.deepEqual(bad, [], bad.join('\n'));
});

test('the link checker finds what it should (anchors, code, references)', () => {
  const md = '# A title\n## Same\n## Same\n## `wl.plot`: figures!\nsee [x](a.md#b) and ![i](p.png)\n`[no](code.md)`\n```\n[no](fenced.md)\n```\n[r]: ref.md\n';
  assert.deepEqual(linksOf(md).map((l) => l.target), ['a.md#b', 'p.png', 'ref.md']);
  assert.deepEqual([...anchorsOf(md)], ['a-title', 'same', 'same-1', 'wlplot-figures']);
  assert.equal(cellsOf('| a | `b\\|c` | d |'), 3);
  assert.equal(cellsOf('| a | `b|c` | d |'), 4);
});
