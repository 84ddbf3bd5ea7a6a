/** Commands of the sipas stage: sipas. */
import type { Register } from '../program.js';

export const registerSipasCommands: Register = (program, run) => {
  void program;
  void run;
};
