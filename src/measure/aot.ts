/**
 * Ahead-of-time compilation of a .wasm for one runtime mode, timed by the launcher and cached:
 * the key is the runtime's version, the mode and the module's hash, so a rerun reuses the
 * artifact and reports the compile time measured when it was made.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cacheDir } from '../paths.js';
import type { RuntimeAdapter } from '../runtimes/adapter.js';
import { launch } from './launch.js';
import { stderrTail } from './execute.js';

export interface AotArtifact {
  path: string;
  compile_s: number;
  cached: boolean;
}

export class AotError extends Error {}

export async function aotCompile(
  a: RuntimeAdapter, mode: string, runtimeVersion: string, wasm: string, wasmSha: string, signal?: AbortSignal,
): Promise<AotArtifact> {
  if (!a.aotCommand || !a.aotExtension) throw new AotError(`${a.name} has no AOT compiler`);
  const key = createHash('sha256').update(`${a.name}\n${mode}\n${runtimeVersion}\n${wasmSha}`).digest('hex').slice(0, 24);
  const dir = join(cacheDir, 'aot', key);
  const out = join(dir, `module${a.aotExtension}`);
  const meta = join(dir, 'meta.json');
  if (existsSync(meta) && existsSync(out)) {
    return { path: out, compile_s: (JSON.parse(readFileSync(meta, 'utf8')) as { compile_s: number }).compile_s, cached: true };
  }
  const tmp = `${dir}.tmp-${process.pid}`;
  mkdirSync(tmp, { recursive: true });
  const cmd = a.aotCommand(mode, wasm, join(tmp, `module${a.aotExtension}`));
  const r = await launch({
    argv: cmd.argv, env: cmd.env, cwd: tmp, stdout: join(tmp, 'log.stdout'), stderr: join(tmp, 'log.stderr'),
    timeoutS: 1800, signal,
  });
  const read = (f: string) => (existsSync(join(tmp, f)) ? readFileSync(join(tmp, f), 'utf8') : '');
  // wamrc says why on stdout (and may exit 0 without writing the module).
  const log = read('log.stderr').trim() || read('log.stdout');
  if (r.start_error || r.exit_code !== 0 || !existsSync(join(tmp, `module${a.aotExtension}`))) {
    rmSync(tmp, { recursive: true, force: true });
    const why = r.start_error ?? (r.cancelled ? 'cancelled' : r.signal ?? `exit ${r.exit_code}`);
    throw new AotError(`${cmd.argv.slice(0, 3).join(' ')} … failed (${why}): ${stderrTail(log) || 'no output'}`);
  }
  writeFileSync(join(tmp, 'meta.json'), JSON.stringify({ compile_s: r.wall_s, argv: cmd.argv }));
  rmSync(dir, { recursive: true, force: true });
  renameSync(tmp, dir);
  return { path: out, compile_s: r.wall_s ?? 0, cached: false };
}
