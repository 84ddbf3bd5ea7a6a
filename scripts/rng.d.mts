/** mulberry32: a small seeded generator (see rng.mjs). */
export function rng(seed: number): () => number;
