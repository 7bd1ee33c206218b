/**
 * A progress bar in a cell's output, drawn once and then replaced in place
 * (update_display_data on one display_id), at most ten times a second: a sweep of thousands
 * of runs leaves one line in the notebook, not thousands.
 */
import { newDisplayId, publish } from './display.js';

const WIDTH = 30;
const MIN_INTERVAL_MS = 100;

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

export class ProgressBar {
  private readonly id = newDisplayId();
  private readonly started = Date.now();
  private shown = false;
  private last = 0;

  constructor(private readonly title: string) {}

  private draw(done: number, total: number, label: string): void {
    const frac = total > 0 ? Math.min(1, done / total) : 0;
    const filled = Math.round(frac * WIDTH);
    const elapsed = seconds(Date.now() - this.started);
    const text = `${this.title} [${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${done}/${total} ${elapsed}  ${label}`;
    const html =
      `<div style="font-family:monospace">${escapeHtml(this.title)} ` +
      `<progress value="${done}" max="${Math.max(total, 1)}" style="width:18em;vertical-align:middle"></progress> ` +
      `${done}/${total} · ${elapsed} · ${escapeHtml(label)}</div>`;
    publish({ 'text/plain': text, 'text/html': html }, this.id, this.shown);
    this.shown = true;
  }

  update(p: { done: number; total: number; label: string }): void {
    const now = Date.now();
    if (this.shown && now - this.last < MIN_INTERVAL_MS && p.done < p.total) return;
    this.last = now;
    this.draw(p.done, p.total, p.label);
  }

  /** Close a bar that was drawn (an error follows; nothing to say if it never showed). */
  abandon(text: string): void {
    if (this.shown) this.finish(text);
  }

  /** Replace the bar with a closing line. */
  finish(text: string): void {
    const line = `${this.title}: ${text} (${seconds(Date.now() - this.started)})`;
    publish({ 'text/plain': line, 'text/html': `<div style="font-family:monospace">${escapeHtml(line)}</div>` }, this.id, this.shown);
    this.shown = true;
  }
}
