/** Process entry: runs the CLI and sets the exit code. The only place that touches `process`. */
import { removeTempFiles } from '../core/fs.js';
import { runCli } from './program.js';

// Stopped mid-write (Ctrl-C, kill): remove the half-written temporary files, then exit as stopped.
for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
  ['SIGHUP', 129],
] as const) {
  process.on(signal, () => {
    removeTempFiles();
    process.exit(code);
  });
}

// A reader that closes the pipe early (`parindex … | head`) is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
});
