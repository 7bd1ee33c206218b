/**
 * Opening the store a request names, for the core's entry points: a path or an open Store, the
 * default from $WASMLAB_STORE, and DuckDB's own errors about a query turned into one-line
 * UsageErrors a person can act on.
 */
import { UsageError } from '../errors.js';
import { Store } from './store.js';

/** The store a request names (a path or an open Store), or none. */
export function storeOf(req: { store?: string | Store | null; storeWait?: number; onBusy?: (holder: string) => void }): Store | null {
  if (!req.store) return null;
  if (req.store instanceof Store) return req.store;
  return new Store(req.store, { waitS: req.storeWait, onBusy: req.onBusy });
}

/** The store given, else $WASMLAB_STORE's; a UsageError when there is neither. */
export function needStore(store: string | Store | null | undefined): Store {
  const s = storeOf({ store: store ?? process.env.WASMLAB_STORE });
  if (!s) throw new UsageError('no store: pass --store FILE (or set WASMLAB_STORE)');
  return s;
}

/** Store errors a person can act on (busy, bad SQL, a file of the wrong shape) as one-line UsageErrors. */
export async function storeCall<T>(f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    if (e instanceof UsageError) throw e;
    // DuckDB's own errors (a bad query): their first line says what is wrong.
    if (e instanceof Error && /^(Parser|Binder|Catalog|Conversion|Invalid Input|IO|Constraint) Error/.test(e.message)) {
      throw new UsageError(e.message.split('\n')[0]!);
    }
    throw e;
  }
}
