/** Finding codes of the sipas stage. Add each code with its typed arguments and both sentences. */
import type { Catalogue } from './types.js';

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface SipasArgs {}

export const sipasMessages: Catalogue<SipasArgs> = {};
