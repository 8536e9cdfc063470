/**
 * Snappy compression for Parquet pages: hyparquet-writer's own compressor
 * (after snappyjs, MIT, © 2016 Zhipeng Jia), the same algorithm and the same
 * bytes out, written straight into one output array sized for the worst
 * case instead of through a growing ByteWriter a byte at a time. That cost
 * as much as finding the matches.
 */

const MAX_HASH_TABLE_BITS = 14;
const MAX_OFFSET = 0xffff;
const INPUT_MARGIN = 15;
const hashTables: Uint32Array[] = [];

const hash = (key: number, shift: number) => Math.imul(key, 0x1e35a7bd) >>> shift;
const load32 = (a: Uint8Array, i: number) => a[i]! | (a[i + 1]! << 8) | (a[i + 2]! << 16) | (a[i + 3]! << 24);

/** The Snappy-compressed bytes of `input` (one raw Snappy stream, no framing). */
export function snappyCompress(input: Uint8Array): Uint8Array {
  const n = input.length;
  // Snappy's own bound on the compressed size.
  const out = new Uint8Array(32 + n + Math.floor(n / 6));
  let op = 0;
  for (let v = n; ; v >>>= 7) {
    if (v < 0x80) {
      out[op++] = v;
      break;
    }
    out[op++] = (v & 0x7f) | 0x80;
  }

  const literal = (from: number, len: number) => {
    const value = len - 1;
    if (len <= 60) out[op++] = value << 2;
    else {
      const bytes = value < 0x100 ? 1 : value < 0x10000 ? 2 : value < 0x1000000 ? 3 : 4;
      out[op++] = (59 + bytes) << 2;
      for (let i = 0; i < bytes; i++) out[op++] = value >>> (i * 8);
    }
    if (len < 16) for (let i = 0; i < len; i++) out[op++] = input[from + i]!;
    else {
      out.set(input.subarray(from, from + len), op);
      op += len;
    }
  };
  const copyUnder64 = (offset: number, len: number) => {
    if (len < 12 && offset < 2048) {
      out[op++] = 1 + ((len - 4) << 2) + ((offset >>> 8) << 5);
      out[op++] = offset & 0xff;
    } else {
      out[op++] = 2 + ((len - 1) << 2);
      out[op++] = offset & 0xff;
      out[op++] = offset >>> 8;
    }
  };
  const copy = (offset: number, len: number) => {
    while (len >= 68) {
      copyUnder64(offset, 64);
      len -= 64;
    }
    if (len > 64) {
      copyUnder64(offset, 60);
      len -= 60;
    }
    copyUnder64(offset, len);
  };

  let bits = 1;
  while (1 << bits <= n && bits <= MAX_HASH_TABLE_BITS) bits++;
  bits--;
  const shift = 32 - bits;
  const table = (hashTables[bits] ??= new Uint32Array(1 << bits));
  table.fill(0);

  let nextEmit = 0;
  if (n >= INPUT_MARGIN) {
    const ipLimit = n - INPUT_MARGIN;
    let ip = 1;
    let nextHash = hash(load32(input, ip), shift);
    outer: for (;;) {
      let skip = 32;
      let nextIp = ip;
      let candidate: number;
      do {
        ip = nextIp;
        const h = nextHash;
        nextIp = ip + (skip++ >>> 5);
        if (ip > ipLimit) break outer;
        nextHash = hash(load32(input, nextIp), shift);
        candidate = table[h]!;
        table[h] = ip;
      } while (ip - candidate > MAX_OFFSET || load32(input, ip) !== load32(input, candidate));

      literal(nextEmit, ip - nextEmit);
      do {
        const base = ip;
        let matched = 4;
        while (ip + matched < n && input[ip + matched] === input[candidate + matched]) matched++;
        ip += matched;
        copy(base - candidate, matched);
        nextEmit = ip;
        if (ip >= ipLimit) break outer;
        table[hash(load32(input, ip - 1), shift)] = ip - 1;
        const h = hash(load32(input, ip), shift);
        candidate = table[h]!;
        table[h] = ip;
      } while (ip - candidate <= MAX_OFFSET && load32(input, ip) === load32(input, candidate));
      ip++;
      nextHash = hash(load32(input, ip), shift);
    }
  }
  if (nextEmit < n) literal(nextEmit, n - nextEmit);
  return out.subarray(0, op);
}
