/**
 * A fleet folder that cannot be loaded: the message names the file and, when
 * known, the line.
 *
 * @public
 */
export class FleetLoadError extends Error {
  readonly file: string;
  readonly line?: number;

  constructor(options: { file: string; line?: number; message: string }) {
    const where = options.line
      ? `${options.file}:${options.line}`
      : options.file;
    super(`${where}: ${options.message}`);
    this.name = 'FleetLoadError';
    this.file = options.file;
    this.line = options.line;
  }
}
