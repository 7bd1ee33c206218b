/** The installed runtime versions as plain rows (`wasmlab runtime list`, doctor, the kernel's %runtime list). */
import { installedVersions } from './installed.js';

export interface VersionRow {
  id: string;
  runtime: string;
  version: string;
  ok: boolean;
  drivers: string;
  /** Modes that run here, and those that do not with "(NO)". */
  modes: string;
  /** "mode: why" for each mode that does not run here (e.g. a mode that needs a newer LLVM), "; "-joined. */
  unavailable: string;
  released: string;
  version_line: string;
  reason: string;
  notes: string;
}

export function runtimeVersions(runtime?: string): VersionRow[] {
  return installedVersions(runtime).map((s) => ({
    id: `${s.runtime}@${s.version}`, runtime: s.runtime, version: s.version, ok: s.ok, drivers: s.drivers.join(','),
    modes: Object.entries(s.modes).map(([m, st]) => (st.ok ? m : `${m}(NO)`)).join(' '),
    unavailable: Object.entries(s.modes).filter(([, st]) => !st.ok).map(([m, st]) => `${m}: ${st.reason ?? 'not tested'}`).join('; '),
    released: s.released.slice(0, 10), version_line: s.version_line, reason: s.reason ?? '', notes: s.notes ?? '',
  }));
}
