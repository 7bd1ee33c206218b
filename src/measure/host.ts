/**
 * The machine a run was measured on, as a fingerprint: CPU model, cores, memory, kernel and OS
 * (not the host name: two nodes of one cluster partition are the same kind of machine, while
 * one machine after a kernel update is not). Its hash, `host_id`, goes on every row, so results
 * of different machines are never pooled by accident (Sightglass's `fingerprint` idea).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import type { ColumnType } from '../record.js';

/** What kind of machine this is: the fields the fingerprint hashes. */
export interface Machine {
  cpu_model: string;
  cpus: number;
  memory_gb: number;
  kernel: string;
  os: string;
}

export interface HostFingerprint extends Machine {
  host_id: string;
  hostname: string;
}

/** The fingerprint's fields with their types, in order: the one list the store's hosts table follows. */
export const HOST_SCHEMA = [
  ['host_id', 'text'], ['hostname', 'text'], ['cpu_model', 'text'], ['cpus', 'int'], ['memory_gb', 'int'], ['kernel', 'text'], ['os', 'text'],
] as const satisfies readonly (readonly [keyof HostFingerprint, ColumnType])[];

function osName(): string {
  try {
    return /^PRETTY_NAME="?([^"\n]*)/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1] ?? os.platform();
  } catch {
    return os.platform();
  }
}

/** This machine's kind, read now. */
export function machine(): Machine {
  const cpus = os.cpus();
  return {
    cpu_model: cpus[0]?.model.trim() ?? 'unknown',
    cpus: cpus.length,
    memory_gb: Math.round(os.totalmem() / 2 ** 30),
    kernel: `${os.type()} ${os.release()}`,
    os: osName(),
  };
}

/** A host as people read it: "name — CPU model, 2 CPUs, 8 GiB, Linux 6.1…, Debian 12". */
export const hostLine = (h: Machine & { hostname: string }): string =>
  `${h.hostname} — ${h.cpu_model}, ${h.cpus} CPUs, ${h.memory_gb} GiB, ${h.kernel}, ${h.os}`;

let cached: HostFingerprint | undefined;

export function hostFingerprint(): HostFingerprint {
  if (cached) return cached;
  const fp = machine();
  const host_id = createHash('sha256').update(JSON.stringify(fp)).digest('hex').slice(0, 16);
  cached = { host_id, hostname: os.hostname(), ...fp };
  return cached;
}
