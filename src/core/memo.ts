/**
 * A value remembered by key in a map its owner holds (a run, a renderer), for pure functions whose
 * inputs recur across files (labels, numbers, cell addresses). The map is emptied when it reaches
 * `max` entries, so it never grows without bound; the values are the same either way.
 */
export function remember<K, V>(memo: Map<K, V>, key: K, make: (key: K) => V, max: number): V {
  let v = memo.get(key);
  if (v === undefined) {
    v = make(key);
    if (memo.size >= max) memo.clear();
    memo.set(key, v);
  }
  return v;
}

/**
 * A pure function of text, answered from a table for the inputs known in advance (the words a
 * template writes, which come back in every file). The table is worked out once from constants
 * and never changes; any other input is computed.
 */
export function withKnownInputs<V>(known: Iterable<string>, fn: (s: string) => V): (s: string) => V {
  const table: ReadonlyMap<string, V> = new Map([...known].map((s) => [s, fn(s)]));
  return (s) => (table.has(s) ? (table.get(s) as V) : fn(s));
}
