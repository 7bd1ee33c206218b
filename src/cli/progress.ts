/**
 * What a person sees on stderr while a sweep runs: one progress line rewritten in place on a
 * terminal (a line per update elsewhere would flood logs, so there only notes are printed),
 * and notes (builds, cache hits, skipped runtimes).
 */
import { describe, type SweepEvent } from '../sweep/events.js';

type Progress = Extract<SweepEvent, { kind: 'progress' }>;

export class ProgressView {
  private shown = false;
  private readonly tty = Boolean(process.stderr.isTTY);
  constructor(private readonly quiet: boolean) {}

  progress(p: Progress): void {
    if (this.quiet || !this.tty) return;
    const pct = p.total ? Math.min(100, Math.floor((100 * p.done) / p.total)) : 0;
    const width = 24;
    const bar = '█'.repeat(Math.round((pct / 100) * width)).padEnd(width, '░');
    const line = `${bar} ${String(pct).padStart(3)}% ${p.done}/${p.total}${p.reused ? ` (${p.reused} reused)` : ''} ${p.label}`;
    process.stderr.write(`\r\x1b[2K${line.slice(0, (process.stderr.columns || 100) - 1)}`);
    this.shown = true;
  }

  /** Any sweep event: progress redraws the bar, the rest print as a note when they have words. */
  event(e: SweepEvent): void {
    if (e.kind === 'progress') return this.progress(e);
    const line = describe(e);
    if (line) this.note(line);
  }

  note(msg: string): void {
    if (this.quiet) return;
    this.clear();
    process.stderr.write(`${msg}\n`);
  }

  clear(): void {
    if (this.shown) process.stderr.write('\r\x1b[2K');
    this.shown = false;
  }
}
