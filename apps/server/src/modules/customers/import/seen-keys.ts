/**
 * The emails and phones already seen in a file, with the line each was first
 * seen on, in about 12 bytes per key (a 52-bit hash in a Float64Array and a
 * line in a Uint32Array, open addressing) so a million-row file costs tens of
 * megabytes, not the hundreds a Set of strings would. A hash collision (odds
 * about 1 in 10^9 per pair) makes one false "seen before": only a warning.
 */
export class SeenKeys {
  #hashes = new Float64Array(1 << 16);
  #lines = new Uint32Array(1 << 16);
  #size = 0;

  /** Records `key` at `line`; returns the line it was first seen on, if it was. */
  remember(key: string, line: number): number | undefined {
    if ((this.#size + 1) * 4 > this.#hashes.length * 3) this.#grow();
    const hash = hash52(key);
    const mask = this.#hashes.length - 1;
    for (let slot = hash % this.#hashes.length; ; slot = (slot + 1) & mask) {
      const stored = this.#hashes[slot];
      if (stored === 0) {
        this.#hashes[slot] = hash;
        this.#lines[slot] = line;
        this.#size++;
        return undefined;
      }
      if (stored === hash) return this.#lines[slot];
    }
  }

  get size(): number {
    return this.#size;
  }

  #grow(): void {
    const hashes = this.#hashes;
    const lines = this.#lines;
    this.#hashes = new Float64Array(hashes.length * 2);
    this.#lines = new Uint32Array(hashes.length * 2);
    const mask = this.#hashes.length - 1;
    for (let i = 0; i < hashes.length; i++) {
      const hash = hashes[i]!;
      if (hash === 0) continue;
      let slot = hash % this.#hashes.length;
      while (this.#hashes[slot] !== 0) slot = (slot + 1) & mask;
      this.#hashes[slot] = hash;
      this.#lines[slot] = lines[i]!;
    }
  }
}

/** Two 32-bit FNV-1a variants combined into a non-zero 52-bit integer (exact in a double). */
function hash52(key: string): number {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 13);
  }
  return ((a >>> 0) % 0x100000) * 0x100000000 + (b >>> 0) + 1;
}
