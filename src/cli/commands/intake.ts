/** Commands of the intake stage: template, validate. */
import type { Register } from '../program.js';

export const registerIntakeCommands: Register = (program, run) => {
  void program;
  void run;
};
