/** What every command gets from the CLI shell: language, output mode, colour, and writers. */
import { autoWorkers } from '../pipeline/pool.js';
import { Chalk, type ChalkInstance } from 'chalk';
import type { Lang } from '../messages/types.js';
import type { ReadOptions } from '../load/index.js';
import { UsageError } from '../findings/errors.js';

export interface CliContext {
  lang: Lang;
  /** The working folder: relative paths on the command line, and paths shown, are relative to it. */
  cwd: string;
  json: boolean;
  debug: boolean;
  quiet: boolean;
  /** chalk with level 0 when piped, with NO_COLOR, or with --no-color. */
  color: ChalkInstance;
  /**
   * Columns the text output is laid out to: the terminal's width; when stdout is not a terminal, the
   * COLUMNS variable, else 100.
   */
  width: number;
  /** Whether stderr is a terminal (progress is drawn only then). */
  stderrIsTTY: boolean;
  /** Worker threads for `files` files: the --workers option, or a choice by size and cores. */
  workersFor: (files: number) => number;
  out: (text: string) => void;
  err: (text: string) => void;
  /** stderr without a newline added (progress line). */
  errRaw: (text: string) => void;
  /** How input files are read (limits from the --max-… flags, workbook reader): passed to every reader. */
  read: ReadOptions;
}

/** Global options as commander gives them. */
export interface GlobalOptions {
  lang?: string;
  json?: boolean;
  debug?: boolean;
  quiet?: boolean;
  color?: boolean;
  workers?: string;
}

/** Streams the context writes to; tests pass their own. */
export interface CliStreams {
  stdout: { write(s: string): unknown; isTTY?: boolean; columns?: number };
  stderr: { write(s: string): unknown; isTTY?: boolean };
  env: Record<string, string | undefined>;
  /** The working folder; the process's own when not given. */
  cwd?: string;
}

export function makeContext(opts: GlobalOptions, streams: CliStreams): Omit<CliContext, 'read'> {
  const lang = parseLang(opts.lang ?? streams.env.PARINDEX_LANG ?? 'vi');
  const noColor =
    opts.color === false ||
    (streams.env.NO_COLOR !== undefined && streams.env.NO_COLOR !== '') ||
    !streams.stdout.isTTY;
  return {
    lang,
    cwd: streams.cwd ?? process.cwd(),
    json: opts.json === true,
    debug: opts.debug === true,
    quiet: opts.quiet === true,
    color: new Chalk({ level: noColor ? 0 : 1 }),
    width: outputWidth(streams),
    stderrIsTTY: streams.stderr.isTTY === true && !opts.quiet,
    workersFor: (files) =>
      opts.workers === undefined || opts.workers === 'auto' ? autoWorkers(files) : Number(opts.workers),
    out: (t) => void streams.stdout.write(t.endsWith('\n') ? t : t + '\n'),
    err: (t) => void streams.stderr.write(t.endsWith('\n') ? t : t + '\n'),
    errRaw: (t) => void streams.stderr.write(t),
  };
}

/** The terminal's columns, else a numeric COLUMNS, else 100 (the width the tables are designed for). */
export function outputWidth(streams: Pick<CliStreams, 'stdout' | 'env'>): number {
  const tty = streams.stdout.isTTY === true ? streams.stdout.columns : undefined;
  if (tty !== undefined && tty > 0) return tty;
  const env = Number(streams.env.COLUMNS);
  return Number.isInteger(env) && env > 0 ? env : 100;
}

export function parseLang(value: string): Lang {
  if (value === 'vi' || value === 'en') return value;
  throw new UsageError({
    vi: `--lang phải là "vi" hoặc "en" (nhận được "${value}").`,
    en: `--lang must be "vi" or "en" (got "${value}").`,
  });
}
