/**
 * Hardware counters through perf_event_open, opened by the launcher for the child
 * (`wl-launch --perf`). This file only answers "do real counters work on this machine?", by
 * asking the launcher to count `true`: VMs without a PMU answer ENOENT/EOPNOTSUPP.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from '../../locate.js';
import { launch } from '../launch.js';

export const perfAvailability = once(async (): Promise<{ ok: boolean; reason: string }> => {
  const dir = mkdtempSync(join(tmpdir(), 'wasmlab-perf-'));
  const r = await launch({ argv: ['true'], cwd: dir, stdout: '/dev/null', stderr: '/dev/null', perf: true });
  if (r.counters && (r.counters.instructions ?? 0) > 0) return { ok: true, reason: '' };
  return { ok: false, reason: r.counter_error ?? 'perf_event_open returned no counts' };
});
