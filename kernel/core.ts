/**
 * The wasmlab core (src/api.ts), loaded when first needed rather than imported statically: the
 * kernel then starts — and plain TypeScript cells work — even when the core cannot load (an
 * unbuilt part, a missing tool), and the first magic says why in one line.
 */
import type * as Api from '../src/api.js';
import { isUsageError } from '../src/errors.js';

export type CoreApi = typeof Api;
export type { RuntimeRow, BenchmarkInfo, BenchRequest } from '../src/api.js';

let core: Promise<CoreApi> | undefined;

export function loadCore(): Promise<CoreApi> {
  core ??= import('../src/api.js').catch((e: unknown) => {
    core = undefined; // try again next time: the lead may have just rebuilt
    throw new Error(`the wasmlab core did not load (${(e as Error).message.split('\n')[0]}); run \`npm run build\``);
  });
  return core;
}

/** Errors the core raises for bad input or a cell that does not compile: shown without a stack. */
export function isUserError(e: unknown): e is Error {
  const name = (e as { constructor?: { name?: string } })?.constructor?.name;
  return e instanceof Error && (isUsageError(e) || name === 'CompileError' || name === 'MagicError');
}
