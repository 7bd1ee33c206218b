/**
 * The machine a run was measured on, as a fingerprint: CPU model, cores, memory, kernel and OS
 * (not the host name: two nodes of one cluster partition are the same kind of machine, while
 * one machine after a kernel update is not). Its hash, `host_id`, goes on every row, so results
 * of different machines are never pooled by accident (Sightglass's `fingerprint` idea).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import os from 'node:os';

export interface HostFingerprint {
  host_id: string;
  hostname: string;
  cpu_model: string;
  cpus: number;
  memory_gb: number;
  kernel: string;
  os: string;
}

function osName(): string {
  try {
    return /^PRETTY_NAME="?([^"\n]*)/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1] ?? os.platform();
  } catch {
    return os.platform();
  }
}

let cached: HostFingerprint | undefined;

export function hostFingerprint(): HostFingerprint {
  if (cached) return cached;
  const cpus = os.cpus();
  const fp = {
    cpu_model: cpus[0]?.model.trim() ?? 'unknown',
    cpus: cpus.length,
    memory_gb: Math.round(os.totalmem() / 2 ** 30),
    kernel: `${os.type()} ${os.release()}`,
    os: osName(),
  };
  const host_id = createHash('sha256').update(JSON.stringify(fp)).digest('hex').slice(0, 16);
  cached = { host_id, hostname: os.hostname(), ...fp };
  return cached;
}
