/** DuckDB values as plain JS for frames and JSON: BigInt (count(*), BIGINT) becomes a number, dates ISO text. */
export function toJsValue(v: unknown): unknown {
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return v.map(toJsValue);
  if (v && typeof v === 'object' && v.constructor === Object) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toJsValue(x)]));
  }
  return v;
}
