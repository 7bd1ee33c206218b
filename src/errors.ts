/**
 * Errors a person causes and can fix: bad input, a busy store, a file of the wrong shape. Fronts
 * print their message as one line (no stack) and exit 2; the kernel shows it as a usage error.
 */
export class UsageError extends Error {
  override name = 'UsageError';
  constructor(message: string) {
    super(readable(message));
  }
}

/** A %%bench cell (or a source file) did not compile; `diagnostics` is the compiler's output. */
export class CompileError extends Error {
  constructor(message: string, readonly diagnostics: string) {
    super(message);
  }
}

/**
 * A message fit to print: control characters other than line breaks (a name someone typed may
 * hold any) become spaces, and a word longer than 120 characters (a 10 kB name) is shown by its
 * ends. Line breaks stay: some messages append their command's usage on purpose.
 */
export function readable(message: string): string {
  return message
    .replace(/[\u0000-\u0009\u000b-\u001f\u007f]+/g, ' ')
    .replace(/\S{121,}/g, (w) => `${w.slice(0, 60)}…(${w.length} characters)…${w.slice(-20)}`);
}

/** A message as one line: `readable`, with line breaks as spaces too. */
export function oneLine(message: string): string {
  return readable(message).replace(/\s*\n\s*/g, ' ');
}

/** Is `e` a UsageError, or of a class derived from it (matched by name, across module copies)? */
export function isUsageError(e: unknown): e is Error {
  for (let p = e && Object.getPrototypeOf(e); p; p = Object.getPrototypeOf(p)) {
    if (p.constructor?.name === 'UsageError') return true;
  }
  return false;
}
