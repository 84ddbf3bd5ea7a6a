/**
 * Respondent ids seen so far, kept small: each id is stored as a 64-bit hash (two independent
 * 32-bit FNV-style hashes) with the file and row where it first appeared: 14 bytes a slot in an
 * open-addressing table at most three quarters full (19 to 37 bytes an id), instead of the id's text. Among a million
 * ids the chance that two different ids share a hash is about 3 in 100 million.
 */
export class IdSet {
  private hi!: Uint32Array;
  private lo!: Uint32Array;
  private row!: Uint32Array;
  private file!: Uint16Array;
  private count = 0;

  constructor(private readonly initial = 1 << 12) {
    this.empty(initial);
  }

  /** Forgets every id and lets its tables go (tens of megabytes for a million ids). */
  clear(): void {
    this.empty(this.initial);
    this.count = 0;
  }

  /** New empty tables of `capacity` slots (a power of two). */
  private empty(capacity: number): void {
    this.hi = new Uint32Array(capacity);
    this.lo = new Uint32Array(capacity);
    this.row = new Uint32Array(capacity);
    this.file = new Uint16Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  /** Adds an id; returns where it was first seen when it is already there. */
  addOrGet(id: string, file: number, row: number): { file: number; row: number } | undefined {
    let h1 = 0x811c9dc5;
    let h2 = 0x01000193 ^ id.length;
    for (let i = 0; i < id.length; i++) {
      const c = id.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
      h2 ^= h2 >>> 15;
    }
    return this.put(h1, h2, file, row);
  }

  /**
   * `addOrGet(prefix + "\u0000" + id)` for an id given as ASCII bytes `buf[start…end)`: the same
   * hash (a character of ASCII text is its byte), without building the string.
   */
  addOrGetAscii(
    prefix: string,
    buf: Uint8Array,
    start: number,
    end: number,
    file: number,
    row: number,
  ): { file: number; row: number } | undefined {
    let h1 = 0x811c9dc5;
    let h2 = 0x01000193 ^ (prefix.length + 1 + end - start);
    for (let i = 0; i < prefix.length; i++) {
      const c = prefix.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
      h2 ^= h2 >>> 15;
    }
    h1 = Math.imul(h1, 0x01000193);
    h2 = Math.imul(h2, 0x5bd1e995);
    h2 ^= h2 >>> 15;
    for (let i = start; i < end; i++) {
      const c = buf[i]!;
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
      h2 ^= h2 >>> 15;
    }
    return this.put(h1, h2, file, row);
  }

  private put(h1: number, h2: number, file: number, row: number): { file: number; row: number } | undefined {
    h1 >>>= 0;
    h2 = (h2 | 1) >>> 0; // never 0: a 0 in `lo` marks an empty slot
    const mask = this.lo.length - 1;
    for (let i = h1 & mask; ; i = (i + 1) & mask) {
      if (this.lo[i] === 0) {
        this.hi[i] = h1;
        this.lo[i] = h2;
        this.row[i] = row;
        this.file[i] = file;
        if (++this.count * 4 > this.lo.length * 3) this.grow();
        return undefined;
      }
      if (this.hi[i] === h1 && this.lo[i] === h2) return { file: this.file[i]!, row: this.row[i]! };
    }
  }

  private grow(): void {
    const { hi, lo, row, file } = this;
    const cap = lo.length * 2;
    this.empty(cap);
    const mask = cap - 1;
    for (let j = 0; j < lo.length; j++) {
      if (lo[j] === 0) continue;
      let i = hi[j]! & mask;
      while (this.lo[i] !== 0) i = (i + 1) & mask;
      this.hi[i] = hi[j]!;
      this.lo[i] = lo[j]!;
      this.row[i] = row[j]!;
      this.file[i] = file[j]!;
    }
  }
}
