/**
 * An error meant for the person at the notebook: printed as its message alone (one line, plus
 * the usage when it is about how a magic was called), never with a stack trace.
 */
import { inspect } from 'node:util';
import { oneLine } from '../../src/errors.js';

export class MagicError extends Error {
  constructor(message: string, readonly usage = '') {
    super(oneLine(message));
    this.name = 'UsageError';
  }
  /** What the notebook shows. */
  render(): string {
    return this.usage ? `${this.name}: ${this.message}\n${this.usage}` : `${this.name}: ${this.message}`;
  }
  // console.error(err) in tslab's executor goes through util.inspect: keep it to the message.
  [inspect.custom](): string {
    return this.render();
  }
}
