/**
 * A cell with magics → plain TypeScript for tslab. Each `%magic …` line becomes one statement
 * calling the preloaded `wl` object (`let df = await wl.magic.bench({…});` with `-o df`), on the
 * same line, so TypeScript's line numbers for the rest of the cell stay right. A `%%magic` first
 * line makes the whole cell that magic's input. The generated code stays plain on purpose:
 * tslab's top-level-await rewrite misses casts like `await (globalThis as any).f()`.
 */
import { MagicError } from './errors.js';
import { parseArgs, words } from './parse.js';
import { findMagic, MAGICS, rawFlags, synopsis, type Magic } from './table.js';

const LINE_MAGIC = /^(\s*)%(?!%)(\S*)(.*)$/;
const CELL_MAGIC = /^\s*%%(\S*)(.*)$/;

function known(): string {
  return `magics: ${MAGICS.map((m) => (m.kind === 'cell' ? '%%' : '%') + m.name).join(' ')} (%lsmagic for more)`;
}

/** `%bench?` / `%%bench??` → help for that magic. */
function helpRequest(name: string, kind: 'line' | 'cell'): string | null {
  const m = /^(\w+)\?{1,2}$/.exec(name);
  if (!m) return null;
  if (!findMagic(m[1], kind)) throw new MagicError(`unknown magic ${kind === 'cell' ? '%%' : '%'}${m[1]}`, known());
  return `void (await wl.magic.help(${JSON.stringify({ name: (kind === 'cell' ? '%%' : '') + m[1] })}));`;
}

/**
 * A magic line with `{expr}` in it (IPython's expansion: `%bench -b {benchmarks} --size {size}`)
 * is parsed when it runs, after the expressions are evaluated in the notebook, so a parameters
 * cell can drive the magics. Only `-o VAR` must be literal: the binding is made here.
 */
function deferredCall(m: Magic, argText: string, body: string): string {
  const out = /(?:^|\s)(?:-o|--out)[ =]([A-Za-z_$][\w$]*)(?=\s|$)/.exec(argText)?.[1];
  const template = `\`${argText.replace(/[`\\]/g, '\\$&').replace(/\$\{/g, '\\${').replace(/\{([^{}]+)\}/g, '${$1}')}\``;
  const expr = `await wl.magic.expanded(${JSON.stringify(m.name)}, ${JSON.stringify(m.kind)}, ${template}, ${JSON.stringify(body)})`;
  return typeof out === 'string' ? `let ${out}: Frame = ${expr};` : `void (${expr});`;
}

function call(m: Magic, argText: string, body: string): string {
  if (!m.raw && /\{[^{}]+\}/.test(argText)) return deferredCall(m, argText, body);
  let spec;
  try {
    if (m.raw) {
      const { flagWords, body: rest } = rawFlags(argText);
      spec = m.build(parseArgs(flagWords, { ...m.args, positionals: [] }), rest);
    } else {
      spec = m.build(parseArgs(words(argText), m.args), body);
    }
  } catch (e) {
    if (e instanceof MagicError) throw new MagicError(`${m.kind === 'cell' ? '%%' : '%'}${m.name}: ${e.message}`, synopsis(m));
    throw e;
  }
  const out = spec.options.out;
  const expr = `await wl.magic.${spec.call}(${JSON.stringify(spec.options)})`;
  // `void` keeps tslab from echoing the returned frame as the cell's last expression value:
  // the magic has displayed it already.
  // The annotation names the type through the prelude's `Frame`, which TypeScript can write into
  // the declarations it carries to later cells wherever the notebook lives.
  return typeof out === 'string' ? `let ${out}: Frame = ${expr};` : `void (${expr});`;
}

/**
 * tslab runs a cell in an async wrapper only when it sees a top-level `await` expression; a
 * top-level `for await` loop alone gets the sync wrapper and fails with a SyntaxError. A leading
 * `await undefined;` (same line, so line numbers hold) makes such a cell async.
 */
function asyncForAwait(ts: string): string {
  return /\bfor\s+await\s*\(/.test(ts) ? `await undefined; ${ts}` : ts;
}

/** The TypeScript for a cell; throws MagicError for bad magic input. */
export function translate(code: string): string {
  return asyncForAwait(translateMagics(code));
}

function translateMagics(code: string): string {
  const lines = code.split('\n');
  const first = lines.findIndex((l) => l.trim() !== '');
  const cm = first >= 0 ? CELL_MAGIC.exec(lines[first]) : null;
  if (cm) {
    const help = helpRequest(cm[1], 'cell');
    if (help) return help;
    const m = findMagic(cm[1], 'cell');
    if (!m) throw new MagicError(`unknown cell magic %%${cm[1]}`, known());
    return call(m, cm[2], lines.slice(first + 1).join('\n'));
  }
  return lines
    .map((line, i) => {
      if (CELL_MAGIC.test(line)) throw new MagicError(`a cell magic must be the first line of its cell (line ${i + 1})`);
      const lm = LINE_MAGIC.exec(line);
      if (!lm) return line;
      const help = helpRequest(lm[2], 'line');
      if (help) return lm[1] + help;
      if (lm[2] === '') throw new MagicError('a % line needs a magic name', known());
      const m = findMagic(lm[2], 'line');
      if (!m) throw new MagicError(`unknown magic %${lm[2]}`, known());
      return lm[1] + call(m, lm[3], '');
    })
    .join('\n');
}

/**
 * The cell as TypeScript for completion and hover: magic lines blanked to spaces of the same
 * length, so cursor offsets into the rest of the cell stay valid.
 */
export function maskMagics(code: string): string {
  const lines = code.split('\n');
  const first = lines.findIndex((l) => l.trim() !== '');
  if (first >= 0 && CELL_MAGIC.test(lines[first])) return lines.map((l) => ' '.repeat(l.length)).join('\n');
  return lines.map((l) => (LINE_MAGIC.test(l) ? ' '.repeat(l.length) : l)).join('\n');
}
