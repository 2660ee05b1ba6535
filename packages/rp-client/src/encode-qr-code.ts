/**
 * A QR Code encoder after ISO/IEC 18004 (byte mode, versions 1–40, levels L, M, Q and H) and two renderings of
 * its symbol, so the SDK draws the device link's QR code without a runtime dependency.
 */

/** Error correction: about 7 % (L), 15 % (M), 25 % (Q) or 30 % (H) of the codewords can be restored. */
export type QrErrorCorrection = 'L' | 'M' | 'Q' | 'H';

/** An encoded symbol: `size` = 17 + 4 × `version` modules a side, `modules[y][x]` true for a dark module. */
export interface QrCode {
  readonly version: number;
  readonly size: number;
  readonly modules: readonly (readonly boolean[])[];
}

const LEVELS: readonly QrErrorCorrection[] = ['L', 'M', 'Q', 'H'];

/** The two bits that name a level in the format information. */
const LEVEL_BITS: Readonly<Record<QrErrorCorrection, number>> = { L: 0b01, M: 0b00, Q: 0b11, H: 0b10 };

/**
 * The standard's Table 9 by version (index 0 unused): blocks and error-correction codewords per block for L, then
 * M, Q and H. A version's codewords split into that many blocks, whose lengths differ by at most one.
 */
const BLOCK_STRUCTURE: readonly (readonly number[])[] = [
  [],
  [1, 7, 1, 10, 1, 13, 1, 17],
  [1, 10, 1, 16, 1, 22, 1, 28],
  [1, 15, 1, 26, 2, 18, 2, 22],
  [1, 20, 2, 18, 2, 26, 4, 16],
  [1, 26, 2, 24, 4, 18, 4, 22],
  [2, 18, 4, 16, 4, 24, 4, 28],
  [2, 20, 4, 18, 6, 18, 5, 26],
  [2, 24, 4, 22, 6, 22, 6, 26],
  [2, 30, 5, 22, 8, 20, 8, 24],
  [4, 18, 5, 26, 8, 24, 8, 28],
  [4, 20, 5, 30, 8, 28, 11, 24],
  [4, 24, 8, 22, 10, 26, 11, 28],
  [4, 26, 9, 22, 12, 24, 16, 22],
  [4, 30, 9, 24, 16, 20, 16, 24],
  [6, 22, 10, 24, 12, 30, 18, 24],
  [6, 24, 10, 28, 17, 24, 16, 30],
  [6, 28, 11, 28, 16, 28, 19, 28],
  [6, 30, 13, 26, 18, 28, 21, 28],
  [7, 28, 14, 26, 21, 26, 25, 26],
  [8, 28, 16, 26, 20, 30, 25, 28],
  [8, 28, 17, 26, 23, 28, 25, 30],
  [9, 28, 17, 28, 23, 30, 34, 24],
  [9, 30, 18, 28, 25, 30, 30, 30],
  [10, 30, 20, 28, 27, 30, 32, 30],
  [12, 26, 21, 28, 29, 30, 35, 30],
  [12, 28, 23, 28, 34, 28, 37, 30],
  [12, 30, 25, 28, 34, 30, 40, 30],
  [13, 30, 26, 28, 35, 30, 42, 30],
  [14, 30, 28, 28, 38, 30, 45, 30],
  [15, 30, 29, 28, 40, 30, 48, 30],
  [16, 30, 31, 28, 43, 30, 51, 30],
  [17, 30, 33, 28, 45, 30, 54, 30],
  [18, 30, 35, 28, 48, 30, 57, 30],
  [19, 30, 37, 28, 51, 30, 60, 30],
  [19, 30, 38, 28, 53, 30, 63, 30],
  [20, 30, 40, 28, 56, 30, 66, 30],
  [21, 30, 43, 28, 59, 30, 70, 30],
  [22, 30, 45, 28, 62, 30, 74, 30],
  [24, 30, 47, 28, 65, 30, 77, 30],
  [25, 30, 49, 28, 68, 30, 81, 30],
];

/** GF(256) with the standard's polynomial x⁸ + x⁴ + x³ + x² + 1: α^i for i in 0..254, and its inverse. */
const GF_EXP: readonly number[] = Array.from({ length: 255 }, (_, i) => {
  let value = 1;
  for (let k = 0; k < i; k++) value = (value << 1) ^ (value & 0x80 ? 0x11d : 0);
  return value;
});
const GF_LOG: readonly number[] = GF_EXP.reduce<number[]>((log, value, i) => {
  log[value] = i;
  return log;
}, new Array<number>(256).fill(0));

/** The eight data masks (ISO/IEC 18004 Table 10): true where a data module is inverted. */
const MASKS: readonly ((row: number, column: number) => boolean)[] = [
  (i, j) => (i + j) % 2 === 0,
  (i) => i % 2 === 0,
  (_, j) => j % 3 === 0,
  (i, j) => (i + j) % 3 === 0,
  (i, j) => (Math.floor(i / 2) + Math.floor(j / 3)) % 2 === 0,
  (i, j) => ((i * j) % 2) + ((i * j) % 3) === 0,
  (i, j) => (((i * j) % 2) + ((i * j) % 3)) % 2 === 0,
  (i, j) => (((i + j) % 2) + ((i * j) % 3)) % 2 === 0,
];

/** A symbol being built: `dark` and `reserved` (function patterns, format and version areas), row-major. */
interface Grid {
  readonly size: number;
  readonly dark: Uint8Array;
  readonly reserved: Uint8Array;
}

function gfMultiply(a: number, b: number): number {
  return a === 0 || b === 0 ? 0 : GF_EXP[(GF_LOG[a]! + GF_LOG[b]!) % 255]!;
}

/** Codewords of a version: every module outside the function patterns and format/version areas, by 8. */
function totalCodewords(version: number): number {
  const size = 17 + 4 * version;
  const alignments = version === 1 ? 0 : (Math.floor(version / 7) + 2) ** 2 - 3;
  const alignmentsOnTiming = version === 1 ? 0 : 2 * Math.floor(version / 7);
  const functionModules =
    3 * 64 + // finders with separators
    2 * (size - 16) + // timing patterns between the separators
    25 * alignments -
    5 * alignmentsOnTiming + // alignment patterns, less what they share with the timing patterns
    31 + // format information twice, and the dark module
    (version >= 7 ? 36 : 0); // version information twice
  return Math.floor((size * size - functionModules) / 8);
}

/** The number of blocks and the error-correction codewords in each, for a version and level. */
function blockStructure(version: number, level: QrErrorCorrection): [number, number] {
  const at = 2 * LEVELS.indexOf(level);
  const row = BLOCK_STRUCTURE[version]!;
  return [row[at]!, row[at + 1]!];
}

function dataCodewords(version: number, level: QrErrorCorrection): number {
  const [blocks, eccPerBlock] = blockStructure(version, level);
  return totalCodewords(version) - blocks * eccPerBlock;
}

/** The bits a byte-mode segment of `length` bytes takes in a version: mode, character count, data. */
function segmentBits(length: number, version: number): number {
  return 4 + (version <= 9 ? 8 : 16) + 8 * length;
}

/** The generator polynomial ∏(x − α^i), i < degree, highest coefficient (1) first. */
function generatorPolynomial(degree: number): number[] {
  let polynomial = [1];
  for (let i = 0; i < degree; i++) {
    const next = new Array<number>(polynomial.length + 1).fill(0);
    polynomial.forEach((coefficient, j) => {
      next[j]! ^= coefficient;
      next[j + 1]! ^= gfMultiply(coefficient, GF_EXP[i]!);
    });
    polynomial = next;
  }
  return polynomial;
}

/** The Reed–Solomon error-correction codewords of `data`: the remainder of data(x)·x^n divided by the generator. */
function errorCorrection(data: readonly number[], generator: readonly number[]): number[] {
  const remainder = new Array<number>(generator.length - 1).fill(0);
  for (const codeword of data) {
    const factor = codeword ^ remainder.shift()!;
    remainder.push(0);
    for (let j = 0; j < remainder.length; j++) remainder[j]! ^= gfMultiply(generator[j + 1]!, factor);
  }
  return remainder;
}

/** The data codewords: mode indicator, character count, the bytes, terminator, bit padding and pad codewords. */
function dataStream(bytes: Uint8Array, version: number, level: QrErrorCorrection): number[] {
  const bits: number[] = [];
  const append = (value: number, length: number) => {
    for (let i = length - 1; i >= 0; i--) bits.push((value >>> i) & 1);
  };
  append(0b0100, 4);
  append(bytes.length, version <= 9 ? 8 : 16);
  for (const byte of bytes) append(byte, 8);
  const capacity = dataCodewords(version, level) * 8;
  append(0, Math.min(4, capacity - bits.length));
  append(0, (8 - (bits.length % 8)) % 8);
  const codewords: number[] = [];
  for (let i = 0; i < bits.length; i += 8) {
    codewords.push(bits.slice(i, i + 8).reduce((byte, bit) => (byte << 1) | bit, 0));
  }
  for (let pad = 0; codewords.length < capacity / 8; pad++) codewords.push(pad % 2 === 0 ? 0xec : 0x11);
  return codewords;
}

/** The final sequence: data split into blocks, each block's ECC appended, data then ECC interleaved by column. */
function finalCodewords(data: readonly number[], version: number, level: QrErrorCorrection): number[] {
  const [blockCount, eccPerBlock] = blockStructure(version, level);
  const shortLength = Math.floor(data.length / blockCount);
  const longBlocks = data.length % blockCount;
  const generator = generatorPolynomial(eccPerBlock);
  const dataBlocks: number[][] = [];
  const eccBlocks: number[][] = [];
  for (let b = 0, start = 0; b < blockCount; b++) {
    const block = data.slice(start, start + shortLength + (b >= blockCount - longBlocks ? 1 : 0));
    start += block.length;
    dataBlocks.push(block);
    eccBlocks.push(errorCorrection(block, generator));
  }
  const result: number[] = [];
  for (let i = 0; i <= shortLength; i++) {
    for (const block of dataBlocks) if (i < block.length) result.push(block[i]!);
  }
  for (let i = 0; i < eccPerBlock; i++) for (const block of eccBlocks) result.push(block[i]!);
  return result;
}

/** Alignment pattern centre coordinates of a version (Annex E): 6, then evenly spaced up to size − 7. */
function alignmentCoordinates(version: number): number[] {
  if (version === 1) return [];
  const count = Math.floor(version / 7) + 2;
  const last = 4 * version + 10;
  const step = version === 32 ? 26 : Math.ceil((last - 6) / (count - 1) / 2) * 2;
  return [6, ...Array.from({ length: count - 1 }, (_, i) => last - (count - 2 - i) * step)];
}

function setFunctionModule(grid: Grid, x: number, y: number, dark: boolean): void {
  grid.dark[y * grid.size + x] = dark ? 1 : 0;
  grid.reserved[y * grid.size + x] = 1;
}

/** The 15 format bits of a level and mask: BCH(15,5) with generator 0x537, XORed with 0x5412. */
function formatBits(level: QrErrorCorrection, mask: number): number {
  const data = (LEVEL_BITS[level] << 3) | mask;
  let remainder = data << 10;
  for (let i = 14; i >= 10; i--) if ((remainder >>> i) & 1) remainder ^= 0x537 << (i - 10);
  return ((data << 10) | remainder) ^ 0x5412;
}

/** The 18 version bits (versions 7 and up): BCH(18,6) with generator 0x1f25. */
function versionBits(version: number): number {
  let remainder = version << 12;
  for (let i = 17; i >= 12; i--) if ((remainder >>> i) & 1) remainder ^= 0x1f25 << (i - 12);
  return (version << 12) | remainder;
}

/** Draws both copies of the format information, bit 0 the least significant, and the dark module. */
function drawFormat(grid: Grid, bits: number): void {
  const { size } = grid;
  const bit = (i: number) => ((bits >>> i) & 1) === 1;
  for (let i = 0; i < 15; i++) {
    // Around the top-left finder: up column 8 (skipping the timing row), then left along row 8.
    if (i < 6) setFunctionModule(grid, 8, i, bit(i));
    else if (i < 8) setFunctionModule(grid, 8, i + 1, bit(i));
    else if (i === 8) setFunctionModule(grid, 7, 8, bit(i));
    else setFunctionModule(grid, 14 - i, 8, bit(i));
    // Split: bits 0–7 along row 8 from the right edge, bits 8–14 down column 8 to the bottom edge.
    if (i < 8) setFunctionModule(grid, size - 1 - i, 8, bit(i));
    else setFunctionModule(grid, 8, size - 15 + i, bit(i));
  }
  setFunctionModule(grid, 8, size - 8, true);
}

/** The symbol's function patterns, format area (reserved, light) and version information, without data. */
function functionPatterns(version: number, level: QrErrorCorrection): Grid {
  const size = 17 + 4 * version;
  const grid: Grid = { size, dark: new Uint8Array(size * size), reserved: new Uint8Array(size * size) };
  for (let i = 0; i < size; i++) {
    setFunctionModule(grid, 6, i, i % 2 === 0);
    setFunctionModule(grid, i, 6, i % 2 === 0);
  }
  // Finder patterns with their light separators: rings at Chebyshev distance 0–1 and 3 dark, 2 and 4 light.
  for (const [cx, cy] of [
    [3, 3],
    [size - 4, 3],
    [3, size - 4],
  ] as const) {
    for (let dy = -4; dy <= 4; dy++) {
      for (let dx = -4; dx <= 4; dx++) {
        const x = cx + dx;
        const y = cy + dy;
        const ring = Math.max(Math.abs(dx), Math.abs(dy));
        if (x >= 0 && x < size && y >= 0 && y < size) setFunctionModule(grid, x, y, ring !== 2 && ring !== 4);
      }
    }
  }
  const centres = alignmentCoordinates(version);
  const last = centres.length - 1;
  centres.forEach((cy, i) => {
    centres.forEach((cx, j) => {
      if ((i === 0 && j === 0) || (i === 0 && j === last) || (i === last && j === 0)) return;
      for (let dy = -2; dy <= 2; dy++) {
        for (let dx = -2; dx <= 2; dx++) {
          setFunctionModule(grid, cx + dx, cy + dy, Math.max(Math.abs(dx), Math.abs(dy)) !== 1);
        }
      }
    });
  });
  drawFormat(grid, formatBits(level, 0));
  if (version >= 7) {
    const bits = versionBits(version);
    for (let i = 0; i < 18; i++) {
      const dark = ((bits >>> i) & 1) === 1;
      const along = size - 11 + (i % 3);
      const across = Math.floor(i / 3);
      setFunctionModule(grid, along, across, dark); // left of the top-right finder
      setFunctionModule(grid, across, along, dark); // above the bottom-left finder
    }
  }
  return grid;
}

/**
 * Places the codewords, most significant bit first, in two-module columns from the bottom-right corner, upwards
 * then downwards, skipping the vertical timing column and reserved modules; remainder modules stay light.
 */
function placeCodewords(grid: Grid, codewords: readonly number[]): void {
  const { size } = grid;
  const bitCount = codewords.length * 8;
  let index = 0;
  for (let right = size - 1; right >= 1; right -= 2) {
    if (right === 6) right = 5;
    const upward = ((right + 1) & 2) === 0;
    for (let step = 0; step < size; step++) {
      const y = upward ? size - 1 - step : step;
      for (const x of [right, right - 1]) {
        if (grid.reserved[y * size + x] || index >= bitCount) continue;
        grid.dark[y * size + x] = (codewords[index >>> 3]! >>> (7 - (index & 7))) & 1;
        index++;
      }
    }
  }
}

/** Runs of 5 or more (N1), finder-like 1:1:3:1:1 with 4 light modules on one side (N3), in one line. */
function linePenalty(line: Uint8Array): number {
  let score = 0;
  let run = 0;
  let window = 0;
  for (let i = 0; i < line.length; i++) {
    run = i > 0 && line[i] === line[i - 1] ? run + 1 : 1;
    if (run === 5) score += 3;
    else if (run > 5) score += 1;
    window = ((window << 1) & 0x7ff) | line[i]!;
    if (i >= 10 && (window === 0b10111010000 || window === 0b00001011101)) score += 40;
  }
  return score;
}

/**
 * The penalty of a masked symbol (ISO/IEC 18004 7.8.3): N1 = 3 per run of 5 same-colour modules in a row or
 * column plus 1 per extra module, N2 = 3 per 2×2 block of one colour, N3 = 40 per finder-like pattern, N4 = 10
 * per whole 5 % by which the share of dark modules departs from 50 %.
 */
function penalty(grid: Grid): number {
  const { size, dark } = grid;
  let score = 0;
  const line = new Uint8Array(size);
  for (let y = 0; y < size; y++) score += linePenalty(dark.subarray(y * size, (y + 1) * size));
  for (let x = 0; x < size; x++) {
    for (let y = 0; y < size; y++) line[y] = dark[y * size + x]!;
    score += linePenalty(line);
  }
  for (let y = 0; y + 1 < size; y++) {
    for (let x = 0; x + 1 < size; x++) {
      const at = y * size + x;
      const sum = dark[at]! + dark[at + 1]! + dark[at + size]! + dark[at + size + 1]!;
      if (sum === 0 || sum === 4) score += 3;
    }
  }
  const darkCount = dark.reduce((count, module) => count + module, 0);
  const total = size * size;
  score += 10 * Math.floor(Math.abs(20 * darkCount - 10 * total) / total);
  return score;
}

/** A copy of `grid` with `mask` applied to every data module and the format information for `level` and it. */
function masked(grid: Grid, level: QrErrorCorrection, mask: number): Grid {
  const { size } = grid;
  const result: Grid = { size, dark: grid.dark.slice(), reserved: grid.reserved };
  const inverts = MASKS[mask]!;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      if (!grid.reserved[y * size + x] && inverts(y, x)) result.dark[y * size + x]! ^= 1;
    }
  }
  drawFormat(result, formatBits(level, mask));
  return result;
}

/**
 * Encodes `text` as its UTF-8 bytes in one byte-mode segment (for ASCII the same bytes as ISO-8859-1), in the
 * smallest version 1–40 that holds them at `errorCorrection` (default L), with the data mask of lowest penalty
 * (the lowest-numbered on a tie). Throws a RangeError when the text does not fit version 40 at that level.
 */
export function encodeQrCode(text: string, options: { errorCorrection?: QrErrorCorrection } = {}): QrCode {
  const level = options.errorCorrection ?? 'L';
  if (!LEVELS.includes(level)) {
    throw new RangeError(`The error correction level must be L, M, Q or H, not ${String(level)}.`);
  }
  const bytes = new TextEncoder().encode(text);
  let version = 1;
  while (version <= 40 && segmentBits(bytes.length, version) > dataCodewords(version, level) * 8) version++;
  if (version > 40) {
    throw new RangeError(
      `The text is ${bytes.length} bytes in UTF-8, more than a QR code holds at error correction ${level} ` +
        `(${Math.floor((dataCodewords(40, level) * 8 - segmentBits(0, 40)) / 8)} bytes).`,
    );
  }
  const grid = functionPatterns(version, level);
  placeCodewords(grid, finalCodewords(dataStream(bytes, version, level), version, level));
  let best = masked(grid, level, 0);
  let bestPenalty = penalty(best);
  for (let mask = 1; mask < MASKS.length; mask++) {
    const candidate = masked(grid, level, mask);
    const candidatePenalty = penalty(candidate);
    if (candidatePenalty < bestPenalty) {
      best = candidate;
      bestPenalty = candidatePenalty;
    }
  }
  const { size, dark } = best;
  const modules = Array.from({ length: size }, (_, y) =>
    Array.from({ length: size }, (_, x) => dark[y * size + x] === 1),
  );
  return { version, size, modules };
}

/** The quiet zone option, 4 modules by default; throws a RangeError unless it is a whole number ≥ 0. */
function quietZoneOf(value: number | undefined): number {
  const quietZone = value ?? 4;
  if (!Number.isInteger(quietZone) || quietZone < 0) {
    throw new RangeError(`The quiet zone must be a whole number of modules, not ${quietZone}.`);
  }
  return quietZone;
}

/**
 * A standalone SVG image of the symbol (for inline HTML or `image/svg+xml`): a white background, one path of the
 * dark modules, a quiet zone of `quietZone` modules (default 4, the standard's minimum) on every side, each
 * module `moduleSize` pixels (default 8) wide, and crisp edges. Throws a RangeError for a negative or fractional
 * quiet zone or a module size that is not a positive number.
 */
export function renderQrCodeSvg(
  code: QrCode,
  options: { moduleSize?: number; quietZone?: number } = {},
): string {
  const quietZone = quietZoneOf(options.quietZone);
  const moduleSize = options.moduleSize ?? 8;
  if (!(moduleSize > 0 && Number.isFinite(moduleSize))) {
    throw new RangeError(`The module size must be a positive number of pixels, not ${moduleSize}.`);
  }
  const side = code.size + 2 * quietZone;
  const pixels = side * moduleSize;
  let path = '';
  code.modules.forEach((row, y) => {
    for (let x = 0; x < row.length; x++) {
      if (!row[x]) continue;
      const start = x;
      while (row[x + 1]) x++;
      const width = x - start + 1;
      path += `M${start + quietZone} ${y + quietZone}h${width}v1h-${width}z`;
    }
  });
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${pixels}" height="${pixels}" viewBox="0 0 ${side} ${side}" ` +
    `shape-rendering="crispEdges"><rect width="${side}" height="${side}" fill="#fff"/>` +
    `<path fill="#000" d="${path}"/></svg>`
  );
}

/**
 * The symbol as text for a terminal with light text on a dark background: one line per two module rows, light
 * modules and the quiet zone (`quietZone` modules, default 4) drawn in Unicode half and full blocks, dark modules
 * left blank. Lines end with a newline. Throws a RangeError for a negative or fractional quiet zone.
 */
export function renderQrCodeText(code: QrCode, options: { quietZone?: number } = {}): string {
  const quietZone = quietZoneOf(options.quietZone);
  const side = code.size + 2 * quietZone;
  const light = (x: number, y: number) => y < side && code.modules[y - quietZone]?.[x - quietZone] !== true;
  let text = '';
  for (let y = 0; y < side; y += 2) {
    for (let x = 0; x < side; x++) {
      const top = light(x, y);
      const bottom = light(x, y + 1);
      text += top ? (bottom ? '█' : '▀') : bottom ? '▄' : ' ';
    }
    text += '\n';
  }
  return text;
}
