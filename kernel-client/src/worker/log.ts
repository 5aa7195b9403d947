/**
 * The worker's stderr log: errors always, the rest with `debug`. Never given the token. Lines
 * of one kind (`kind`) are limited to a few per second (repeat-limiter.ts).
 */
import { writeSync } from 'node:fs';
import { RepeatLimiter } from './repeat-limiter.js';

export class Log {
  private readonly limiter = new RepeatLimiter(line => this.write(line));

  constructor(
    private readonly title: string,
    private readonly verbose: boolean
  ) {}

  debug(message: string, kind?: string): void {
    if (this.verbose) {
      this.limited(message, kind);
    }
  }

  /** Always written: security-relevant events such as refused viewers. */
  notice(message: string, kind?: string): void {
    this.limited(message, kind);
  }

  /**
   * Written to stderr at once, as is: a Node worker's console goes through the main thread,
   * which may be spinning, or about to be ended.
   */
  now(message: string): void {
    writeSync(2, `${message}\n`);
  }

  error(message: string, kind?: string): void {
    this.limited(`error: ${message}`, kind);
  }

  private limited(message: string, kind: string | undefined): void {
    if (kind === undefined) {
      this.write(message);
    } else {
      this.limiter.line(kind, message);
    }
  }

  private write(message: string): void {
    console.error(`[async-plotter "${this.title}"] ${message}`);
  }
}
