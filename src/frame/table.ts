/**
 * A table (column names + rows of cells) rendered as HTML and as plain text, truncated the way
 * pandas truncates a big frame: the first and last rows with a "…" row between, the first and
 * last columns with a "…" column between, and a "N rows × M columns" footer when anything is
 * hidden. Pure functions on plain arrays, so the CLI can print the same text as the kernel shows.
 */

export type Cell = string | number | boolean | null | undefined;

export interface TableOptions {
  /** Show at most this many rows (half from the top, half from the bottom). */
  maxRows?: number;
  /** Show at most this many columns (half from the left, half from the right). */
  maxCols?: number;
  /** Digits after the decimal point for non-integers. */
  digits?: number;
  /** Row labels (a frame's index); omitted when not given. */
  index?: Cell[];
  /** Text: cells padded on the left (numbers line up, as pandas prints) or on the right. Default right. */
  align?: 'left' | 'right';
  /** Text: a line of dashes under the header. */
  rule?: boolean;
  /** Text: how a cell reads (default formatCell with `digits`), and the longest a cell may be (cut with …). */
  format?: (v: Cell) => string;
  maxCell?: number;
  /** Text: the "N rows × M columns" line when something is hidden or nothing is there. Default true. */
  footer?: boolean;
}

export const DEFAULT_MAX_ROWS = 20;
export const DEFAULT_MAX_COLS = 20;

const GAP = Symbol('gap');
type Slot = number | typeof GAP;

/** Which positions of `n` to show: all, or head + gap + tail. */
function pick(n: number, max: number): Slot[] {
  const all = Array.from({ length: n }, (_, i) => i);
  if (n <= max) return all;
  const head = Math.ceil(max / 2);
  const tail = max - head;
  return [...all.slice(0, head), GAP, ...all.slice(n - tail)];
}

export function formatCell(v: Cell, digits = 4): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return '';
    if (Number.isInteger(v)) return String(v);
    const a = Math.abs(v);
    // Small timings (µs in seconds) and huge counts read better in exponent form.
    if (a !== 0 && (a < 1e-3 || a >= 1e9)) return v.toExponential(digits - 1);
    return v.toFixed(digits);
  }
  return String(v);
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

interface Shaped {
  rows: Slot[];
  cols: Slot[];
  truncated: boolean;
}

function shape(columns: readonly string[], rows: readonly Cell[][], o: TableOptions): Shaped {
  const r = pick(rows.length, o.maxRows ?? DEFAULT_MAX_ROWS);
  const c = pick(columns.length, o.maxCols ?? DEFAULT_MAX_COLS);
  return { rows: r, cols: c, truncated: r.includes(GAP) || c.includes(GAP) };
}

function footer(columns: readonly string[], rows: readonly Cell[][]): string {
  return `${rows.length} rows × ${columns.length} columns`;
}

const LONG_TEXT = 40;
const LONG_STYLE = 'text-align: left; white-space: normal; min-width: 28em';

export function tableHtml(columns: readonly string[], rows: readonly Cell[][], o: TableOptions = {}): string {
  const s = shape(columns, rows, o);
  const d = o.digits ?? 4;
  const idx = o.index;
  const th = (t: string) => `<th>${escapeHtml(t)}</th>`;
  const head =
    (idx ? '<th></th>' : '') + s.cols.map((c) => (c === GAP ? th('…') : th(columns[c]))).join('');
  const body = s.rows
    .map((r) => {
      if (r === GAP) {
        const n = s.cols.length + (idx ? 1 : 0);
        return `<tr>${'<td>…</td>'.repeat(n)}</tr>`;
      }
      const label = idx ? `<th>${escapeHtml(formatCell(idx[r], d))}</th>` : '';
      const cells = s.cols
        .map((c) => {
          const text = c === GAP ? '…' : formatCell(rows[r][c], d);
          // A sentence (a verdict, a reason) wraps in a readable column instead of a sliver.
          return text.length > LONG_TEXT ? `<td style="${LONG_STYLE}">${escapeHtml(text)}</td>` : `<td>${escapeHtml(text)}</td>`;
        })
        .join('');
      return `<tr>${label}${cells}</tr>`;
    })
    .join('\n');
  const foot = s.truncated || rows.length === 0 ? `\n<p>${footer(columns, rows)}</p>` : '';
  return (
    // A table wider than the page scrolls (as pandas' does in JupyterLab) rather than being cut off.
    '<div class="wasmlab-frame" style="overflow-x: auto"><table class="dataframe">\n' +
    `<thead><tr style="text-align: right;">${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>${foot}</div>`
  );
}

/** The one plain-text table renderer: the kernel's frames and the CLI's tables (src/export/table.ts) alike. */
export function tableText(columns: readonly string[], rows: readonly Cell[][], o: TableOptions = {}): string {
  const s = shape(columns, rows, o);
  const d = o.digits ?? 4;
  const idx = o.index;
  const max = o.maxCell ?? Infinity;
  const text = (v: Cell) => {
    const t = o.format ? o.format(v) : formatCell(v, d);
    return t.length > max ? `${t.slice(0, max - 1)}…` : t;
  };
  const grid: string[][] = [];
  grid.push([...(idx ? [''] : []), ...s.cols.map((c) => (c === GAP ? '…' : columns[c]))]);
  for (const r of s.rows) {
    if (r === GAP) grid.push([...(idx ? ['…'] : []), ...s.cols.map(() => '…')]);
    else grid.push([...(idx ? [formatCell(idx[r], d)] : []), ...s.cols.map((c) => (c === GAP ? '…' : text(rows[r][c])))]);
  }
  const widths = grid[0].map((_, j) => Math.max(...grid.map((line) => line[j].length)));
  if (o.rule) grid.splice(1, 0, widths.map((w) => '-'.repeat(w)));
  const pad = (t: string, w: number) => (o.align === 'left' ? t.padEnd(w) : t.padStart(w));
  const lines = grid.map((line) => line.map((t, j) => pad(t, widths[j])).join('  ').trimEnd());
  if ((o.footer ?? true) && (s.truncated || rows.length === 0)) lines.push('', footer(columns, rows));
  return lines.join('\n');
}
