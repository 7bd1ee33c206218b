/**
 * A one-node Slurm cluster in a scratch folder, for trying the cluster workflow on one machine
 * and for the tests (docs/cluster.md: Debian's slurmctld + slurmd + munge run as root without systemd).
 * `up` writes a munge key and a slurm.conf, starts munged, slurmctld and slurmd; `down` stops
 * them and leaves no daemon behind. Slurm's commands find the cluster through SLURM_CONF, which
 * slurmEnv() sets while the local cluster is up.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, hostname, totalmem } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { UsageError } from '../errors.js';
import { cacheDir } from '../paths.js';
import { processAlive } from '../process.js';

export const localDir = join(cacheDir, 'slurm-local');
const conf = join(localDir, 'slurm.conf');
const MUNGE_KEY = '/etc/munge/munge.key';

function which(cmd: string): string | null {
  for (const d of (process.env.PATH ?? '').split(':').concat(['/usr/sbin', '/sbin'])) {
    if (d && existsSync(join(d, cmd))) return join(d, cmd);
  }
  return null;
}

/** Environment for Slurm's commands: the local cluster's config while it is up, else the user's. */
export function slurmEnv(): NodeJS.ProcessEnv {
  if (!process.env.SLURM_CONF && localUp()) return { ...process.env, SLURM_CONF: conf };
  return process.env;
}

function pidAlive(file: string): boolean {
  return existsSync(file) && processAlive(Number(readFileSync(file, 'utf8').trim()));
}

export function localUp(): boolean {
  return pidAlive(join(localDir, 'slurmctld.pid')) && pidAlive(join(localDir, 'slurmd.pid'));
}

function slurmConf(): string {
  const host = hostname().split('.')[0]!;
  const mem = Math.floor(totalmem() / 2 ** 20) - 1024;
  return [
    'ClusterName=wasmlab-local', `SlurmctldHost=${host}`, 'SlurmUser=root', 'SlurmdUser=root', 'AuthType=auth/munge',
    'ProctrackType=proctrack/linuxproc', 'TaskPlugin=task/none', 'SelectType=select/cons_tres', 'SelectTypeParameters=CR_Core',
    'SchedulerType=sched/backfill', 'ReturnToService=2', 'MpiDefault=none', 'JobAcctGatherType=jobacct_gather/none',
    `StateSaveLocation=${join(localDir, 'state')}`, `SlurmdSpoolDir=${join(localDir, 'spool')}`,
    `SlurmctldPidFile=${join(localDir, 'slurmctld.pid')}`, `SlurmdPidFile=${join(localDir, 'slurmd.pid')}`,
    `SlurmctldLogFile=${join(localDir, 'slurmctld.log')}`, `SlurmdLogFile=${join(localDir, 'slurmd.log')}`,
    'MinJobAge=3600',
    `NodeName=${host} CPUs=${cpus().length} RealMemory=${Math.max(mem, 1024)} State=UNKNOWN`,
    `PartitionName=local Nodes=${host} Default=YES MaxTime=INFINITE State=UP`,
  ].join('\n') + '\n';
}

export async function localClusterUp(): Promise<string> {
  if (localUp()) return `already up (SLURM_CONF=${conf})`;
  const missing = ['munged', 'slurmctld', 'slurmd', 'sbatch'].filter((c) => !which(c));
  if (missing.length) throw new UsageError(`Slurm is not installed (${missing.join(', ')} missing): bash setup/setup.sh --with slurm`);
  if (process.getuid?.() !== 0) throw new UsageError('the local cluster runs its daemons as root (as on these machines): run as root, or use a real cluster');
  for (const d of ['state', 'spool']) mkdirSync(join(localDir, d), { recursive: true });
  writeFileSync(conf, slurmConf());
  if (!existsSync(MUNGE_KEY)) {
    mkdirSync('/etc/munge', { recursive: true });
    writeFileSync(MUNGE_KEY, randomBytes(1024));
    chmodSync(MUNGE_KEY, 0o400);
    spawnSync('chown', ['munge:munge', MUNGE_KEY]);
  }
  mkdirSync('/run/munge', { recursive: true });
  spawnSync('chown', ['munge:munge', '/run/munge']);
  if (spawnSync('pgrep', ['-x', 'munged']).status !== 0) {
    execFileSync(which('munged')!, ['--force'], { stdio: 'ignore' });
    writeFileSync(join(localDir, 'munged.ours'), ''); // started by us: `down` stops it too
  }
  const env = { ...process.env, SLURM_CONF: conf };
  execFileSync(which('slurmctld')!, ['-f', conf], { env, stdio: 'ignore' });
  execFileSync(which('slurmd')!, ['-f', conf], { env, stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    const r = spawnSync('sinfo', ['-h', '-o', '%T'], { env, encoding: 'utf8' });
    if (r.status === 0 && /idle|mixed|alloc/.test(r.stdout)) return `up: one node, ${cpus().length} CPUs (SLURM_CONF=${conf})`;
    await sleep(200);
  }
  throw new Error(`the local cluster did not come up: see ${join(localDir, 'slurmctld.log')} and slurmd.log`);
}

export async function localClusterDown(): Promise<string> {
  const stopped: string[] = [];
  for (const d of ['slurmd', 'slurmctld']) {
    const f = join(localDir, `${d}.pid`);
    if (!pidAlive(f)) continue;
    const pid = Number(readFileSync(f, 'utf8').trim());
    process.kill(pid, 'SIGTERM');
    for (let i = 0; i < 100 && processAlive(pid); i++) await sleep(100);
    if (processAlive(pid)) process.kill(pid, 'SIGKILL');
    stopped.push(d);
  }
  if (existsSync(join(localDir, 'munged.ours'))) {
    spawnSync('pkill', ['-x', 'munged']);
    for (let i = 0; i < 50 && spawnSync('pgrep', ['-x', 'munged']).status === 0; i++) await sleep(100);
    rmSync(join(localDir, 'munged.ours'), { force: true });
    stopped.push('munged');
  }
  rmSync(join(localDir, 'state'), { recursive: true, force: true });
  return stopped.length ? `stopped ${stopped.join(', ')}` : 'was not running';
}
