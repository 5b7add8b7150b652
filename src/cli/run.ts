// `runCli(argv, io)`: the whole command line as a function, so tests and the
// benchmark run exactly what the `postdesk` binary runs, in-process.
import { version } from '../../package.json';
import { parseCommandLine, USAGE } from './args';
import { runCheck, runFix, runList, runSite } from './commands';
import { EXIT_OK, EXIT_USAGE, UsageError } from './io';
import type { CheckIo } from './stdin';
import { escapeTerminal } from './terminal';

export type { CliIo, CliStream } from './io';
export type { CheckIo, StdinIo } from './stdin';
export { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE } from './io';

/** `io.stdin` is read only by `check --stdin`; without it, the process's standard input is. */
export async function runCli(argv: readonly string[], io: CheckIo): Promise<number> {
  try {
    const command = parseCommandLine(argv);
    switch (command.kind) {
      case 'help':
        io.stdout.write(USAGE);
        return EXIT_OK;
      case 'version':
        io.stdout.write(`${version}\n`);
        return EXIT_OK;
      case 'check':
        return await runCheck(command, io);
      case 'list':
        return await runList(command, io);
      case 'fix':
        return await runFix(command, io);
      case 'site':
        return await runSite(command, io);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      // A config key or path named in the message comes from the author's files: never raw to the terminal.
      io.stderr.write(`postdesk: ${error.message.split('\n').map(escapeTerminal).join('\n')}\nRun "postdesk --help" for usage.\n`);
      return EXIT_USAGE;
    }
    // A bug, not bad input: say so plainly, with the stack for the report.
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.stderr.write(`postdesk: internal error: ${detail}\n`);
    return EXIT_USAGE;
  }
}
