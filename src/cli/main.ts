// The `postdesk` binary (dist/cli.js): wires runCli to the real process. The
// same file, started as a worker thread with `workerData`, is one of the
// threads that read and check files (src/cli/workers.ts).
import { isMainThread, workerData } from 'node:worker_threads';
import { runCli } from './run';
import { isWorkerMark, runWorker } from './workers';

if (!isMainThread && isWorkerMark(workerData)) {
  runWorker();
} else {
  // `postdesk list | head` closes the pipe early: that is the reader's choice,
  // not a failure worth a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });

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
}
