/** Finding codes of the report stage. Add each code with its typed arguments and both sentences. */
import type { Catalogue } from './types.js';

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ReportArgs {}

export const reportMessages: Catalogue<ReportArgs> = {};
