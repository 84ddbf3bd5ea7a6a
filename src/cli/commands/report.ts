/** Commands: report. */
import type { Register } from '../program.js';

export const registerReportCommands: Register = (program, run) => {
  void program;
  void run;
};
