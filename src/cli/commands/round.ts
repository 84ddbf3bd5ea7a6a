/** Commands of the round stage: init, appraisal-template, score, explain, report. */
import type { Register } from '../program.js';

export const registerRoundCommands: Register = (program, run) => {
  void program;
  void run;
};
