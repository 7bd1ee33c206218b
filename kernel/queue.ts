/**
 * The execute queue with IPython's error semantics. tslab 1.0.22 cancels every request that
 * arrives within 200 ms of a failed cell (`execQueue.reset(200)`), so nbclient's run-all with
 * `allow_errors` shows the cells after an error as empty. ipykernel instead aborts only the
 * requests already waiting when the error happens, and only if the failed request asked for it
 * (`stop_on_error`, true by default; nbclient sends false when errors are allowed). Requests that
 * arrive later run normally.
 */
export type Outcome = 'ok' | 'error' | 'aborted';

interface Waiting {
  aborted: boolean;
}

export class ExecuteQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private waiting = new Set<Waiting>();

  /** Runs `task` after every earlier task. `task` resolves true on success. */
  run(task: () => Promise<boolean>, stopOnError = true): Promise<Outcome> {
    const entry: Waiting = { aborted: false };
    this.waiting.add(entry);
    const result = this.tail.then(async (): Promise<Outcome> => {
      this.waiting.delete(entry);
      if (entry.aborted) return 'aborted';
      let ok = false;
      try {
        ok = await task();
      } catch {
        ok = false;
      }
      if (!ok && stopOnError) for (const w of this.waiting) w.aborted = true;
      return ok ? 'ok' : 'error';
    });
    this.tail = result;
    return result;
  }
}
