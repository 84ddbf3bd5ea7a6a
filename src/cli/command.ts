/**
 * What a command file needs from the program, in a module of its own: command files import this,
 * never program.ts or each other, so there is no import circle among them.
 */
import type { Command } from 'commander';
import type { CliContext } from './context.js';

/** Exit codes. */
export const EXIT = { OK: 0, FINDINGS: 1, CANNOT_RUN: 2 } as const;

/** A command's action: gets the context, returns its exit code. */
export type CommandRunner = (ctx: CliContext) => Promise<number> | number;

/** Registers commands; each command calls `run` with its body. */
export type Register = (program: Command, run: (cmd: Command, body: CommandRunner) => Promise<void>) => void;
