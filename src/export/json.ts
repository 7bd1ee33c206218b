/** JSON: the sweep's provenance and its rows, one document. */
import type { RunRecord } from '../record.js';
import type { SweepInfo } from '../measure/provenance.js';

export function toJson(rows: RunRecord[], sweep: SweepInfo | undefined): string {
  return JSON.stringify({ sweep: sweep ?? null, rows }, null, 2) + '\n';
}
