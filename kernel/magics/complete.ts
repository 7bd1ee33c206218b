/**
 * Tab completion on a magic line: magic names after `%`/`%%`, flag names after `-`, and the
 * values of a flag with choices (`--counters `, `-O O`), all from the magics' flag tables (the
 * sweep options' from src/options/table.ts). Anything else goes to TypeScript completion.
 */
import { MAGICS } from './table.js';

export interface Completion {
  cursor_start: number;
  cursor_end: number;
  matches: string[];
  metadata: Record<string, never>;
  status: 'ok';
}

export function completeMagic(code: string, pos: number): Completion | null {
  const lineStart = code.lastIndexOf('\n', pos - 1) + 1;
  const before = code.slice(lineStart, pos);
  const m = /^\s*(%%?)(\w*)$/.exec(before);
  const reply = (start: number, matches: string[]): Completion => ({
    cursor_start: start, cursor_end: pos, matches, metadata: {}, status: 'ok',
  });
  if (m) {
    const kind = m[1] === '%%' ? 'cell' : 'line';
    const names = MAGICS.filter((x) => x.kind === kind && x.name.startsWith(m[2])).map((x) => m[1] + x.name);
    return reply(pos - m[1].length - m[2].length, names);
  }
  const v = /^\s*(%%?)(\w+)\s(?:.*\s)?(--?[\w-]+)[\s=]([^\s,=]*,)*([^\s,=]*)$/.exec(before);
  if (v) {
    const magic = MAGICS.find((x) => x.name === v[2] && x.kind === (v[1] === '%%' ? 'cell' : 'line'));
    const flag = magic?.args.flags.find((x) => (v[3]!.startsWith('--') ? `--${x.long}` === v[3] : x.short !== undefined && `-${x.short}` === v[3]));
    if (flag?.choices) return reply(pos - v[5]!.length, flag.choices.filter((c) => c.startsWith(v[5]!)));
  }
  const f = /^\s*(%%?)(\w+)\s.*?(--?[\w-]*)$/.exec(before);
  if (f) {
    const magic = MAGICS.find((x) => x.name === f[2] && x.kind === (f[1] === '%%' ? 'cell' : 'line'));
    if (!magic) return null;
    const flags = magic.args.flags.map((x) => `--${x.long}`).filter((x) => x.startsWith(f[3]));
    return reply(pos - f[3].length, flags);
  }
  return null;
}
