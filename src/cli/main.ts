// The `postdesk` binary (dist/cli.js): wires runCli to the real process.
import { runCli } from './run';

void runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
}).then(
  (code) => {
    // exitCode, not exit(): lets pending stdout writes to a pipe finish.
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`postdesk: ${String(error)}\n`);
    process.exitCode = 2;
  },
);
