/**
 * Errors a person causes and can fix: bad input, a busy store, a file of the wrong shape. Fronts
 * print their message as one line (no stack) and exit 2; the kernel shows it as a usage error.
 */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Is `e` a UsageError, or of a class derived from it (matched by name, across module copies)? */
export function isUsageError(e: unknown): e is Error {
  for (let p = e && Object.getPrototypeOf(e); p; p = Object.getPrototypeOf(p)) {
    if (p.constructor?.name === 'UsageError') return true;
  }
  return false;
}
