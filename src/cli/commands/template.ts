/** Commands: template. */
import type { Register } from '../program.js';

export const registerTemplateCommands: Register = (program, run) => {
  void program;
  void run;
};
