/**
 * A value remembered by key in a process-wide map, for pure functions whose inputs recur across
 * files (labels, numbers, cell addresses). The map is emptied when it reaches `max` entries, so it
 * never grows without bound; the values are the same either way.
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
