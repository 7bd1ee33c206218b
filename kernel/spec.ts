/**
 * The kernel spec: a folder `wasmlab/` with kernel.json in a Jupyter data dir. By default it goes
 * into the checkout's virtual environment (.venv/share/jupyter/kernels), where that venv's
 * JupyterLab finds it; `--user` puts it in ~/.local/share/jupyter for any Jupyter of the user.
 * `wasmlab kernel install` calls installKernelSpec(); setup (setup/steps/kernel.sh) runs this file.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from '../src/paths.js';

export const KERNEL_NAME = 'wasmlab';
export const DISPLAY_NAME = 'TypeScript (wasmlab)';

export interface InstallOptions {
  /** A Jupyter prefix (a venv); default: the checkout's .venv. */
  prefix?: string;
  /** Install for the user (~/.local/share/jupyter) instead of a prefix. */
  user?: boolean;
}

export interface InstallResult {
  dir: string;
  changed: boolean;
  spec: Record<string, unknown>;
}

export function kernelSpec(): Record<string, unknown> {
  const launcher = join(repoRoot, 'dist', 'kernel', 'launcher.js');
  return {
    // The absolute node that runs this now: Jupyter's PATH may not have the same node.
    argv: [process.execPath, launcher, '{connection_file}'],
    display_name: DISPLAY_NAME,
    language: 'typescript',
    // The stop button sends an interrupt_request message, not SIGINT to the process group
    // (which would kill the runtimes under test before the sweep can stop them): interrupt.ts.
    interrupt_mode: 'message',
    metadata: { wasmlab: { checkout: repoRoot } },
  };
}

export function kernelDir(o: InstallOptions = {}): string {
  const data = o.user
    ? join(process.env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'jupyter')
    : join(o.prefix ?? join(repoRoot, '.venv'), 'share', 'jupyter');
  return join(data, 'kernels', KERNEL_NAME);
}

/** What `wasmlab kernel install` calls: write the spec, resolve with its folder. */
export async function installKernelSpec(o: InstallOptions = {}): Promise<string> {
  return writeKernelSpec(o).dir;
}

/** Write (or rewrite) the kernel spec; `changed` is false when it was already up to date. */
export function writeKernelSpec(o: InstallOptions = {}): InstallResult {
  if (!o.user && !o.prefix && !existsSync(join(repoRoot, '.venv'))) {
    throw new Error(`no virtual environment at ${join(repoRoot, '.venv')}: run \`bash setup/steps/python.sh\` first, or install with --user`);
  }
  const launcher = join(repoRoot, 'dist', 'kernel', 'launcher.js');
  if (!existsSync(launcher)) throw new Error(`${launcher} is missing: run \`npm run build\` first`);
  const dir = kernelDir(o);
  const spec = kernelSpec();
  const text = `${JSON.stringify(spec, null, 2)}\n`;
  const file = join(dir, 'kernel.json');
  const changed = !existsSync(file) || readFileSync(file, 'utf8') !== text;
  if (changed) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, text);
  }
  return { dir, changed, spec };
}

// `node dist/kernel/spec.js [--user | --prefix DIR]` (used by setup/steps/kernel.sh).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const o: InstallOptions = {};
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--user') o.user = true;
    else if (args[i] === '--prefix' && args[i + 1]) o.prefix = args[++i];
    else {
      process.stderr.write('usage: node dist/kernel/spec.js [--user | --prefix DIR]\n');
      process.exit(2);
    }
  }
  try {
    const r = writeKernelSpec(o);
    process.stdout.write(`${r.changed ? 'installed' : 'up to date'}: ${r.dir}\n`);
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    process.exit(1);
  }
}

