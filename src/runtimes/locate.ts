/** Finding a runtime's executable and asking its version, shared by all adapters. */
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { execa } from 'execa';
import { binDir } from '../paths.js';
import type { Detection } from './adapter.js';

function isExecutable(p: string): boolean {
  try {
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Look for an executable: first the env var (e.g. WASMLAB_WAVM=/opt/wavm/bin/wavm), then the
 * tools setup installed ($WASMLAB_CACHE/bin), then PATH. Returns the path or undefined.
 */
export function locateTool(exe: string, envVar: string): string | undefined {
  const fromEnv = process.env[envVar];
  if (fromEnv) return isExecutable(fromEnv) ? fromEnv : undefined;
  const dirs = [binDir, ...(process.env.PATH ?? '').split(delimiter).filter(Boolean)];
  for (const d of dirs) {
    const p = join(d, exe);
    if (isExecutable(p)) return p;
  }
  return undefined;
}

/** Run `exe args…` and return its first non-empty output line (stdout, else stderr). */
export async function versionLine(exe: string, args: string[]): Promise<string> {
  const r = await execa(exe, args, { reject: false, timeout: 20_000 });
  const text = `${r.stdout}\n${r.stderr}`.trim();
  const line = text.split('\n').find((l) => l.trim() !== '');
  if (r.exitCode !== 0 && !line) throw new Error(`${exe} ${args.join(' ')} exited ${r.exitCode}`);
  return (line ?? '').trim();
}

/**
 * The usual detect(): locate the executable, ask its version, and explain how to get it when
 * absent. Adapters wrap this in a memo so a sweep asks once.
 */
export async function detectTool(opts: {
  exe: string;
  envVar: string;
  versionArgs: string[];
  fix: string;
}): Promise<Detection> {
  const path = locateTool(opts.exe, opts.envVar);
  if (!path) {
    return {
      available: false,
      reason: `${opts.exe} not found in $${opts.envVar}, ${binDir} or PATH`,
      fix: opts.fix,
    };
  }
  try {
    return { available: true, path, version: await versionLine(path, opts.versionArgs) };
  } catch (e) {
    return { available: false, path, reason: `${path} does not run: ${(e as Error).message}`, fix: opts.fix };
  }
}

/** Memoize an async zero-argument function (detection results live for the process). */
export function once<T>(f: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | undefined;
  return () => (p ??= f());
}
