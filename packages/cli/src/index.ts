/**
 * The `meshplane` command line: `meshplane analyze` over files and folders (DESIGN §4.1).
 *
 * @packageDocumentation
 */

import { parseAnalyzeArgs, UsageError, USAGE } from './analyze/parseArgs';
import { runAnalyze } from './analyze/runAnalyze';

/** Runs the CLI with the given arguments; resolves to the exit code. Never throws. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (
      command === undefined ||
      command === '--help' ||
      command === '-h' ||
      command === 'help'
    ) {
      process.stdout.write(`${USAGE}\n`);
      return command === undefined ? 2 : 0;
    }
    if (command !== 'analyze')
      throw new UsageError(`unknown command "${command}"`);
    if (rest.includes('--help') || rest.includes('-h')) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    const result = await runAnalyze(parseAnalyzeArgs(rest));
    process.stderr.write(result.stderr);
    process.stdout.write(result.stdout);
    return result.exitCode;
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`meshplane: error: ${e.message}\n`);
      if (!(command === 'analyze')) process.stderr.write(`${USAGE}\n`);
    } else {
      process.stderr.write(
        `meshplane: internal error: ${(e as Error)?.message ?? String(e)}\n`,
      );
    }
    return 2;
  }
}
