/** Finding codes of the intake stage. Add each code with its typed arguments and both sentences. */
import type { Catalogue } from './types.js';

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface IntakeArgs {}

export const intakeMessages: Catalogue<IntakeArgs> = {};
