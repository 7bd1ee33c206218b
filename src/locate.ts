/**
 * Finding an executable (a runtime, a compiler, valgrind) and asking its version: used by the
 * runtime adapters, the toolchain and the counter mechanisms alike.
 */
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { execa } from 'execa';
import { binDir } from './paths.js';

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

/** Memoize an async zero-argument function (detection results live for the process). */
export function once<T>(f: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | undefined;
  return () => (p ??= f());
}
