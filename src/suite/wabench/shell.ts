/**
 * The little bash and make that WABench trees use, parsed without running them: bash words
 * (quotes, backslashes, comments, `\`-continued lines), `NAME+=( … )` array appends with their line
 * numbers, plain `NAME=value` assignments, and Makefile variables with `include` followed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export class ImportError extends Error {}

interface Scan { words: string[]; end: number }

/**
 * Bash words from `text` starting at `from`: whitespace-separated, '…' and "…" quoting, backslash
 * escapes (a backslash-newline joins lines), `#` comments. Stops at an unquoted `)` when `untilParen`.
 */
function scanWords(text: string, from = 0, untilParen = false): Scan {
  const words: string[] = [];
  let cur = '';
  let inWord = false;
  let i = from;
  for (; i < text.length; i++) {
    const c = text[i]!;
    if (c === '#' && !inWord) { while (i < text.length && text[i] !== '\n') i++; continue; }
    if (untilParen && c === ')' ) { if (inWord) words.push(cur); return { words, end: i }; }
    if (c === '\\' && text[i + 1] === '\n') { i++; continue; }
    if (/\s/.test(c)) { if (inWord) { words.push(cur); cur = ''; inWord = false; } continue; }
    inWord = true;
    if (c === "'") {
      const j = text.indexOf("'", i + 1);
      cur += text.slice(i + 1, j < 0 ? text.length : j);
      i = j < 0 ? text.length : j;
    } else if (c === '"') {
      let j = i + 1;
      for (; j < text.length && text[j] !== '"'; j++) {
        if (text[j] === '\\' && text[j + 1] === '\n') { j++; continue; }
        cur += text[j] === '\\' && /["\\$`]/.test(text[j + 1] ?? '') ? text[++j] : text[j];
      }
      i = j;
    } else if (c === '\\') cur += text[++i] ?? '';
    else cur += c;
  }
  if (inWord) words.push(cur);
  return { words, end: i };
}

/** Split bash words: whitespace-separated, with '…' and "…" quoting and backslash escapes. */
export function bashWords(text: string): string[] {
  return scanWords(text).words;
}

export interface ArrayChunk {
  name: string;
  /** true for `NAME+=(…)`, false for `NAME=(…)` */
  append: boolean;
  words: string[];
  /** 1-based line of the assignment */
  line: number;
}

/** Every `NAME=( … )` and `NAME+=( … )` in a bash script, in order, with its words. */
export function bashArrays(text: string): ArrayChunk[] {
  const out: ArrayChunk[] = [];
  const re = /^[ \t]*(?:declare\s+-a\s+)?([A-Za-z_]\w*)(\+?)=\(/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = m.index + m[0].length;
    const { words, end } = scanWords(text, start, true);
    out.push({ name: m[1]!, append: m[2] === '+', words, line: text.slice(0, m.index).split('\n').length });
    re.lastIndex = end + 1;
  }
  return out;
}

/** Plain top-level `NAME=value` assignments of a bash script (value as bash would see it; last wins). */
export function bashAssignments(text: string): Record<string, string> {
  const vars: Record<string, string> = {};
  const joined = text.replace(/\\\n/g, ' ');
  for (const line of joined.split('\n')) {
    const m = /^[ \t]*(?:export\s+)?([A-Za-z_]\w*)=(?!\()(.*)$/.exec(line);
    if (!m) continue;
    // The value is the first word (an unquoted space ends it); `A=` is the empty string.
    const rest = m[2]!;
    if (rest === '' || /^\s/.test(rest)) { vars[m[1]!] = ''; continue; }
    vars[m[1]!] = scanWords(rest).words[0] ?? '';
  }
  return vars;
}

/** Simple Makefile variables: `X = v`, `X := v`, `X ?= v`, `X += v`, with line continuations; $(X) expanded. */
export function parseMakeVars(text: string, vars: Record<string, string> = {}): Record<string, string> {
  const expand = (s: string) => s.replace(/\$[({](\w+)[)}]/g, (_, n: string) => vars[n] ?? '');
  for (const line of text.replace(/\\\n/g, ' ').split('\n')) {
    const m = /^\s*([A-Za-z_]\w*)\s*(\+=|:=|\?=|=)\s*(.*?)\s*$/.exec(line);
    if (!m) continue;
    const [, name, op, value] = m as unknown as [string, string, string, string];
    const v = expand(value.replace(/\s+#.*$/, ''));
    if (op === '+=') vars[name] = vars[name] ? `${vars[name]} ${v}` : v;
    else if (op === '?=') vars[name] ??= v;
    else vars[name] = v;
  }
  return vars;
}

export interface Makefile {
  vars: Record<string, string>;
  /** Files read, the Makefile first, then its includes in order. */
  files: string[];
  /** Includes that were named but not found (make would fail on them; we only need variables). */
  missingIncludes: string[];
}

/**
 * A Makefile's variables with `include` (and `-include`/`sinclude`) followed, relative to the
 * Makefile's folder (make's cwd). Variables set after an include override the included ones, as in
 * make; conditionals (ifeq…) are not evaluated: both branches' assignments apply, which only
 * touches compiler variables we ignore.
 */
export function readMakefile(file: string): Makefile {
  const vars: Record<string, string> = {};
  const files: string[] = [];
  const missingIncludes: string[] = [];
  const visit = (f: string, depth: number) => {
    files.push(f);
    const text = readFileSync(f, 'utf8').replace(/\\\n/g, ' ');
    let chunk: string[] = [];
    const flush = () => { parseMakeVars(chunk.join('\n'), vars); chunk = []; };
    for (const line of text.split('\n')) {
      const inc = /^\s*-?(?:include|sinclude)\s+(.+?)\s*$/.exec(line);
      if (!inc) { chunk.push(line); continue; }
      flush();
      for (const name of inc[1]!.split(/\s+/)) {
        const p = resolve(dirname(file), name.replace(/\$[({](\w+)[)}]/g, (_, n: string) => vars[n] ?? ''));
        if (depth < 8 && existsSync(p)) visit(p, depth + 1);
        else missingIncludes.push(p);
      }
    }
    flush();
  };
  visit(file, 0);
  return { vars, files, missingIncludes };
}
