/**
 * A plain-text table for people: the columns a reader scans first, aligned. Numbers get a
 * fixed precision; the full record is in --format csv/json.
 */
export interface Column<T> {
  title: string;
  get: (row: T) => unknown;
}

function fmt(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') {
    if (Number.isInteger(v)) return String(v);
    return Math.abs(v) >= 100 ? v.toFixed(1) : Math.abs(v) >= 1 ? v.toFixed(3) : v.toPrecision(3);
  }
  return String(v);
}

export function renderTable<T>(rows: T[], cols: Column<T>[], maxCell = 60): string {
  const cells = rows.map((r) => cols.map((c) => {
    const s = fmt(c.get(r));
    return s.length > maxCell ? `${s.slice(0, maxCell - 1)}…` : s;
  }));
  const widths = cols.map((c, i) => Math.max(c.title.length, ...cells.map((r) => r[i]!.length)));
  const line = (vals: string[]) => vals.map((v, i) => v.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(cols.map((c) => c.title)), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n') + '\n';
}
