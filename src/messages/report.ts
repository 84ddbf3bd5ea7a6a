/** Finding codes of the report stage. Add each code with its typed arguments and both sentences. */
import type { Catalogue } from './types.js';

// No report finding codes yet: an empty record keeps the catalogue's shape.
export type ReportArgs = Record<never, never>;

export const reportMessages: Catalogue<ReportArgs> = {};
