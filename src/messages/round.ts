/** Finding codes of the round stage. Add each code with its typed arguments and both sentences. */
import type { Catalogue } from './types.js';

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface RoundArgs {}

export const roundMessages: Catalogue<RoundArgs> = {};
