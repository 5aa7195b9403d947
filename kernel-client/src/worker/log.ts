/** The worker's stderr log: errors always, the rest with `debug`. Never given the token. */
import { writeSync } from 'node:fs';

export class Log {
  constructor(
    private readonly title: string,
    private readonly verbose: boolean
  ) {}

  debug(message: string): void {
    if (this.verbose) {
      this.write(message);
    }
  }

  /** Always written: security-relevant events such as refused viewers. */
  notice(message: string): void {
    this.write(message);
  }

  /**
   * Written to stderr at once, as is: a Node worker's console goes through the main thread,
   * which may be spinning, or about to be ended.
   */
  now(message: string): void {
    writeSync(2, `${message}\n`);
  }

  error(message: string): void {
    this.write(`error: ${message}`);
  }

  private write(message: string): void {
    console.error(`[async-plotter "${this.title}"] ${message}`);
  }
}
