/**
 * The kernel's software events of a measured run (page faults, major faults, context switches,
 * CPU migrations), which the launcher counts through perf_event_open for every run (`--sw`, see
 * drivers/launcher.c). They need no PMU, so unlike the hardware counters they work on VMs; they
 * are cheap (opened before the clock starts, no gate), so no option turns them on.
 */
import { SOFTWARE_COLUMNS, type RunRecord, type SoftwareCounterName } from '../../record.js';
import type { LaunchResult } from '../launch.js';

export type SoftwareColumns = Pick<RunRecord, SoftwareCounterName>;

export const NULL_SOFTWARE: SoftwareColumns = Object.fromEntries(SOFTWARE_COLUMNS.map((c) => [c, null])) as SoftwareColumns;

/** The columns of a launch, and why some are empty ('' when all were counted). */
export function softwareColumns(l: Pick<LaunchResult, 'software' | 'software_error' | 'start_error'>): { columns: SoftwareColumns; note: string } {
  const columns = { ...NULL_SOFTWARE };
  for (const c of SOFTWARE_COLUMNS) columns[c] = l.software?.[c] ?? null;
  const missing = SOFTWARE_COLUMNS.filter((c) => columns[c] === null);
  if (!missing.length || l.start_error) return { columns, note: '' };
  return { columns, note: `software counters: ${l.software_error ?? `not counted: ${missing.join(', ')}`}` };
}
