import zlib from "node:zlib";

/**
 * A gzip body with holes: text parts compressed once, joined per request by a short string (a
 * reader's CSRF token) without compressing again. It stays one standard gzip member (RFC 1952)
 * holding one DEFLATE stream (RFC 1951): each part is compressed on its own and ends on a byte
 * boundary (a sync flush), the joining string goes in between as a stored block, and the trailer's
 * CRC-32 of the whole text is combined from the parts' CRCs, so no byte of a part is read again.
 */
export interface GzipTemplate {
  /** Each part's raw DEFLATE blocks; only the last one ends the stream. */
  blocks: Buffer[];
  crcs: number[];
  lengths: number[];
  /** x^(8·length) mod the CRC polynomial for each part: what combining a CRC across it takes. */
  shifts: number[];
  /** The compressed size, for cache accounting. */
  bytes: number;
}

const HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);

/**
 * Compresses the parts into a template joined later by `fillGzip`. Synchronous on purpose: a page
 * compresses in a fraction of a millisecond, and the thread pool's own allocator arenas would cost
 * the process more memory than the cache saves.
 */
export function gzipTemplate(parts: ReadonlyArray<string | Uint8Array>): GzipTemplate {
  const texts = parts.map((p) => (typeof p === "string" ? Buffer.from(p) : p));
  const compressed = texts.map((text, i) => zlib.deflateRawSync(text, { level: 3, finishFlush: i === texts.length - 1 ? zlib.constants.Z_FINISH : zlib.constants.Z_SYNC_FLUSH }));
  // One exactly sized allocation per template: small buffers are slices of a shared 8 KB pool,
  // and keeping a slice would keep its whole slab alive.
  const store = Buffer.allocUnsafeSlow(compressed.reduce((n, b) => n + b.length, 0));
  let offset = 0;
  const blocks = compressed.map((b) => {
    b.copy(store, offset);
    offset += b.length;
    return store.subarray(offset - b.length, offset);
  });
  return {
    blocks,
    crcs: texts.map((t) => zlib.crc32(t)),
    lengths: texts.map((t) => t.length),
    shifts: texts.map((t) => shiftFor(t.length)),
    bytes: blocks.reduce((n, b) => n + b.length, 0),
  };
}

/** The gzip body of the parts joined by `joint` (ASCII, at most 65,535 bytes). */
export function fillGzip(template: GzipTemplate, joint: string): Buffer {
  const { blocks, crcs, lengths, shifts } = template;
  const jointBytes = Buffer.from(joint, "latin1");
  const stored = Buffer.allocUnsafe(5 + jointBytes.length);
  // A stored block that does not end the stream: BFINAL 0, BTYPE 00, then LEN and its complement.
  stored[0] = 0;
  stored.writeUInt16LE(jointBytes.length, 1);
  stored.writeUInt16LE(~jointBytes.length & 0xffff, 3);
  jointBytes.copy(stored, 5);
  const jointCrc = zlib.crc32(jointBytes);
  const jointShift = shiftFor(jointBytes.length);
  const pieces: Buffer[] = [HEADER, blocks[0]];
  let crc = crcs[0];
  let length = lengths[0];
  for (let i = 1; i < blocks.length; i++) {
    pieces.push(stored, blocks[i]);
    crc = (multModP(jointShift, crc) ^ jointCrc) >>> 0;
    crc = (multModP(shifts[i], crc) ^ crcs[i]) >>> 0;
    length += jointBytes.length + lengths[i];
  }
  const trailer = Buffer.allocUnsafe(8);
  trailer.writeUInt32LE(crc, 0);
  trailer.writeUInt32LE(length >>> 0, 4);
  pieces.push(trailer);
  return Buffer.concat(pieces);
}

// CRC-32 arithmetic in GF(2) modulo its (reflected) polynomial, as zlib's crc32_combine does it.
const POLY = 0xedb88320;

function multModP(a: number, b: number): number {
  let m = 0x80000000;
  let p = 0;
  for (;;) {
    if (a & m) {
      p ^= b;
      if ((a & (m - 1)) === 0) break;
    }
    m >>>= 1;
    b = b & 1 ? (b >>> 1) ^ POLY : b >>> 1;
  }
  return p >>> 0;
}

/** X2N[k] = x^(2^k) mod P. */
const X2N: number[] = [0x40000000];
for (let k = 1; k < 32; k++) X2N.push(multModP(X2N[k - 1], X2N[k - 1]));

/** x^(8·n) mod P: multiplying a CRC by it appends n zero bytes' worth of shift. */
function shiftFor(n: number): number {
  let p = 0x80000000;
  let k = 3;
  while (n) {
    if (n & 1) p = multModP(X2N[k & 31], p);
    n = Math.floor(n / 2);
    k++;
  }
  return p;
}
