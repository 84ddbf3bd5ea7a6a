/** Process entry: runs the CLI and sets the exit code. The only place that touches `process`. */
import { removeTempFiles, watchTempFiles } from '../core/fs.js';
import { runCli } from './program.js';

// Stopped (Ctrl-C, kill): while an output is being written, remove its temporary file, then exit
// as stopped. The rest of the time no handler is installed, so the signal's default action ends
// the process at once: a handler runs only between steps, and a long synchronous step (reading a
// big workbook, scoring) would keep it waiting.
const STOP: [NodeJS.Signals, () => never][] = (
  [
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const
).map(([signal, code]) => [
  signal,
  () => {
    removeTempFiles();
    process.exit(code);
  },
]);
watchTempFiles((writing) => {
  for (const [signal, stop] of STOP) {
    if (writing) process.on(signal, stop);
    else process.off(signal, stop);
  }
});

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
