/** The worker's stderr log: errors always, the rest with `debug`. Never given the token. */
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

  error(message: string): void {
    this.write(`error: ${message}`);
  }

  private write(message: string): void {
    console.error(`[async-plotter "${this.title}"] ${message}`);
  }
}
