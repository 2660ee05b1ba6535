import { createRequire } from 'node:module';
import jsQRModule from 'jsqr';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import {
  encodeQrCode,
  type QrCode,
  type QrErrorCorrection,
  renderQrCodeSvg,
  renderQrCodeText,
} from './encode-qr-code.js';

// jsqr's module.exports is the function, with itself as `default`; its types see only the latter.
const jsQR = jsQRModule.default;

// The reference encoder's own capacity table (not in its typed API): the bytes a version holds in byte mode.
const requireQrcode = createRequire(import.meta.url);
const { getCapacity } = requireQrcode('qrcode/lib/core/version.js') as {
  getCapacity(version: number, level: unknown, mode: unknown): number;
};
const referenceLevels = requireQrcode('qrcode/lib/core/error-correction-level.js') as Record<string, unknown>;
const { BYTE } = requireQrcode('qrcode/lib/core/mode.js') as { BYTE: unknown };
const referenceCapacity = (version: number, level: QrErrorCorrection) =>
  getCapacity(version, referenceLevels[level], BYTE);

const LEVELS = ['L', 'M', 'Q', 'H'] as const;

const DEVICE_LINK =
  'https://127.0.0.1:8443/device-link?deviceLinkType=QR&elapsedSeconds=7&sessionToken=wGIrqveE6AuGDATZKmR1mtAZ' +
  '&sessionType=auth&version=1.0&lang=eng&authCode=A0mHB-lPhkXuek831E3p9B0-oc7FO02_1VBztVigd70';

/** A URL-like ASCII text of exactly `length` characters. */
function textOf(length: number): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_=&?/.';
  let text = 'https://rp.example/?q=';
  for (let i = 0; text.length < length; i++) text += alphabet[(i * 7) % alphabet.length];
  return text.slice(0, length);
}

/** What a camera sees: the modules drawn 4 px each on white with a 4-module quiet zone, read by jsqr. */
function scan(modules: readonly (readonly boolean[])[]): string | undefined {
  const scale = 4;
  const side = (modules.length + 8) * scale;
  const pixels = new Uint8ClampedArray(side * side * 4).fill(255);
  modules.forEach((row, y) => {
    row.forEach((dark, x) => {
      if (!dark) return;
      for (let dy = 0; dy < scale; dy++) {
        const at = (((y + 4) * scale + dy) * side + (x + 4) * scale) * 4;
        for (let dx = 0; dx < scale; dx++) pixels.fill(0, at + dx * 4, at + dx * 4 + 3);
      }
    });
  });
  return jsQR(pixels, side, side, { inversionAttempts: 'dontInvert' })?.data;
}

/** The `qrcode` package's symbol for the same bytes in one byte-mode segment, at its own or the given mask. */
function reference(text: string, level: QrErrorCorrection, mask?: number) {
  const code = QRCode.create([{ data: new TextEncoder().encode(text), mode: 'byte' }], {
    errorCorrectionLevel: level,
    ...(mask === undefined ? {} : { maskPattern: mask as QRCode.QRCodeMaskPattern }),
  });
  const { size, data } = code.modules;
  const modules = Array.from({ length: size }, (_, y) =>
    Array.from(data.subarray(y * size, (y + 1) * size), Boolean),
  );
  return { version: code.version, mask: code.maskPattern, modules };
}

/** The 15 format bits of both copies, bit 0 the least significant, as ISO/IEC 18004 Figure 25 places them. */
function formatInformation(code: QrCode): [number, number] {
  const at = (x: number, y: number) => (code.modules[y]![x] ? 1 : 0);
  const first = [
    ...[0, 1, 2, 3, 4, 5, 7, 8].map((y) => at(8, y)),
    ...[7, 5, 4, 3, 2, 1, 0].map((x) => at(x, 8)),
  ];
  const second = [
    ...Array.from({ length: 8 }, (_, i) => at(code.size - 1 - i, 8)),
    ...Array.from({ length: 7 }, (_, i) => at(8, code.size - 7 + i)),
  ];
  const value = (bits: number[]) => bits.reduce((word, bit, i) => word | (bit << i), 0);
  return [value(first), value(second)];
}

/** The data mask a symbol's format information names. */
function maskOf(code: QrCode): number {
  return ((formatInformation(code)[0] ^ 0x5412) >>> 10) & 0b111;
}

/** The standard's format information words (Annex C), by level and mask. */
const FORMAT_WORDS: Readonly<Record<QrErrorCorrection, readonly number[]>> = {
  L: [0x77c4, 0x72f3, 0x7daa, 0x789d, 0x662f, 0x6318, 0x6c41, 0x6976],
  M: [0x5412, 0x5125, 0x5e7c, 0x5b4b, 0x45f9, 0x40ce, 0x4f97, 0x4aa0],
  Q: [0x355f, 0x3068, 0x3f31, 0x3a06, 0x24b4, 0x2183, 0x2eda, 0x2bed],
  H: [0x1689, 0x13be, 0x1ce7, 0x19d0, 0x0762, 0x0255, 0x0d0c, 0x083b],
};

describe('encodeQrCode', () => {
  it.each([
    ['L', 9, 53],
    ['M', 10, 57],
    ['Q', 12, 65],
    ['H', 15, 77],
  ] as const)(
    'encodes a realistic device link at level %s in version %i (%i modules a side) that a QR reader reads back',
    (errorCorrection, version, size) => {
      expect(DEVICE_LINK).toHaveLength(198);
      const code = encodeQrCode(DEVICE_LINK, { errorCorrection });
      expect(code).toMatchObject({ version, size });
      expect(scan(code.modules)).toBe(DEVICE_LINK);
    },
  );

  it('uses level L when no level is given', () => {
    expect(encodeQrCode(DEVICE_LINK)).toEqual(encodeQrCode(DEVICE_LINK, { errorCorrection: 'L' }));
    expect(FORMAT_WORDS.L).toContain(formatInformation(encodeQrCode(DEVICE_LINK))[0]);
  });

  it.each([
    [1, 17],
    [2, 32],
    [6, 134],
    [7, 154],
    [10, 271],
    [20, 858],
    [40, 2953],
  ])(
    'fills version %i with %i bytes at level L, reads back, and moves up a version with one byte more',
    (version, length) => {
      const code = encodeQrCode(textOf(length));
      expect(code.version).toBe(version);
      expect(scan(code.modules)).toBe(textOf(length));
      if (version < 40) expect(encodeQrCode(textOf(length + 1)).version).toBe(version + 1);
      else expect(() => encodeQrCode(textOf(length + 1))).toThrow(RangeError);
    },
  );

  it.each([
    ['L', [17, 230, 271, 2953]],
    ['M', [14, 180, 213, 2331]],
    ['Q', [11, 130, 151, 1663]],
    ['H', [7, 98, 119, 1273]],
  ] as const)(
    'at level %s, holds the byte capacities of the standard for versions 1, 9, 10 and 40 exactly',
    (errorCorrection, capacities) => {
      capacities.forEach((capacity, i) => {
        const version = [1, 9, 10, 40][i]!;
        expect(encodeQrCode(textOf(capacity), { errorCorrection }).version, `${capacity} bytes`).toBe(
          version,
        );
        if (version < 40) {
          expect(encodeQrCode(textOf(capacity + 1), { errorCorrection }).version).toBe(version + 1);
        }
      });
      expect(() => encodeQrCode(textOf(capacities[3] + 1), { errorCorrection })).toThrow(RangeError);
    },
  );

  it.each(LEVELS)(
    'at level %s, encodes texts from 1 byte to version 40 that a QR reader reads back',
    (errorCorrection) => {
      for (const length of [1, 40, 120, 400, 1000, referenceCapacity(40, errorCorrection)]) {
        const code = encodeQrCode(textOf(length), { errorCorrection });
        expect(FORMAT_WORDS[errorCorrection]).toContain(formatInformation(code)[0]);
        expect(scan(code.modules), `${length} bytes, version ${code.version}`).toBe(textOf(length));
      }
    },
  );

  it('encodes non-ASCII text as its UTF-8 bytes', () => {
    const text = 'Žõõ ütleb: allkirjasta 10 €? Näide — 日本語 🙂';
    const code = encodeQrCode(text);
    expect(scan(code.modules)).toBe(text);
    const utf8Length = new TextEncoder().encode(text).length;
    expect(utf8Length).toBeGreaterThan(text.length);
    expect(code.version).toBe(encodeQrCode('x'.repeat(utf8Length)).version);
  });

  it('makes version 1 21 modules a side and every version 17 + 4 × version, square', () => {
    expect(encodeQrCode('1')).toMatchObject({ version: 1, size: 21 });
    for (const length of [1, 100, 500, 1500, 2953]) {
      const code = encodeQrCode(textOf(length));
      expect(code.size).toBe(17 + 4 * code.version);
      expect(code.modules).toHaveLength(code.size);
      for (const row of code.modules) expect(row).toHaveLength(code.size);
    }
  });

  it('refuses a text too long for version 40 with a RangeError that says so', () => {
    expect(() => encodeQrCode('x'.repeat(2954))).toThrow(
      new RangeError(
        'The text is 2954 bytes in UTF-8, more than a QR code holds at error correction L (2953 bytes).',
      ),
    );
    expect(() => encodeQrCode('x'.repeat(1274), { errorCorrection: 'H' })).toThrow(RangeError);
    // 985 characters, but 2955 bytes.
    expect(() => encodeQrCode('€'.repeat(985))).toThrow(/2955 bytes/);
    expect(() => encodeQrCode('x', { errorCorrection: 'X' as QrErrorCorrection })).toThrow(RangeError);
  });

  it('draws finder patterns, separators, timing patterns and the dark module where the standard puts them', () => {
    const code = encodeQrCode(textOf(154)); // version 7
    const { size, modules } = code;
    const finder = ['1111111', '1000001', '1011101', '1011101', '1011101', '1000001', '1111111'];
    for (const [left, top] of [
      [0, 0],
      [size - 7, 0],
      [0, size - 7],
    ] as const) {
      finder.forEach((row, dy) => {
        expect(
          modules[top + dy]!.slice(left, left + 7)
            .map(Number)
            .join(''),
        ).toBe(row);
      });
    }
    for (let i = 0; i < 8; i++) {
      expect([modules[7]![i], modules[i]![7], modules[7]![size - 1 - i], modules[size - 8]![i]]).toEqual([
        false,
        false,
        false,
        false,
      ]);
    }
    for (let i = 8; i < size - 8; i++) {
      expect(modules[6]![i]).toBe(i % 2 === 0);
      expect(modules[i]![6]).toBe(i % 2 === 0);
    }
    expect(modules[size - 8]![8]).toBe(true);
    // An alignment pattern at (22, 22) in version 7, its centre dark and its ring light.
    expect(modules[22]![22]).toBe(true);
    expect(modules[21]![22]).toBe(false);
    expect(modules[20]![22]).toBe(true);
  });

  it('writes the same format information twice, the standard word for its level and mask', () => {
    for (const errorCorrection of LEVELS) {
      const code = encodeQrCode(DEVICE_LINK, { errorCorrection });
      const [first, second] = formatInformation(code);
      expect(second).toBe(first);
      expect(first).toBe(FORMAT_WORDS[errorCorrection][maskOf(code)]);
    }
  });

  it('writes version information (from version 7 on) twice, the standard word for the version', () => {
    const versionWord = (code: QrCode, transposed: boolean) =>
      Array.from({ length: 18 }, (_, i) => {
        const along = code.size - 11 + (i % 3);
        const across = Math.floor(i / 3);
        return (transposed ? code.modules[along]![across] : code.modules[across]![along]) ? 1 << i : 0;
      }).reduce((a, b) => a | b, 0);
    for (const [length, version, word] of [
      [154, 7, 0x07c94],
      [192, 8, 0x085bc],
      [2953, 40, 0x28c69],
    ] as const) {
      const code = encodeQrCode(textOf(length));
      expect(code.version).toBe(version);
      expect(versionWord(code, false)).toBe(word);
      expect(versionWord(code, true)).toBe(word);
    }
  });
});

describe('encodeQrCode against the qrcode package', () => {
  it('picks the same version and draws the same symbol, module for module, at the same mask, for every version and level', () => {
    const masks = new Set<number>();
    for (const errorCorrection of LEVELS) {
      for (let version = 1; version <= 40; version++) {
        const text = textOf(referenceCapacity(version, errorCorrection));
        const code = encodeQrCode(text, { errorCorrection });
        expect(code.version, `${errorCorrection} ${text.length} bytes`).toBe(version);
        const mask = maskOf(code);
        masks.add(mask);
        expect(code.modules, `version ${version}-${errorCorrection}, mask ${mask}`).toEqual(
          reference(text, errorCorrection, mask).modules,
        );
      }
    }
    expect([...masks].sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('draws the same symbol as the qrcode package for every mask it can choose on a device link', () => {
    const code = encodeQrCode(DEVICE_LINK);
    expect(code.modules).toEqual(reference(DEVICE_LINK, 'L', maskOf(code)).modules);
    // Each mask the reference can draw differs from ours only in the data area's mask and format bits, and reads.
    for (let mask = 0; mask < 8; mask++)
      expect(scan(reference(DEVICE_LINK, 'L', mask).modules)).toBe(DEVICE_LINK);
  });

  it('mostly chooses the mask the qrcode package chooses; where the penalties differ, both symbols read back', () => {
    // The packages score the dark-module balance (N4) differently: ours counts whole 5 % steps away from 50 %
    // as ISO/IEC 18004 does, qrcode first rounds the dark share up to a multiple of 5 %, so a share just above
    // 50 % costs it 10 points; now and then its lowest penalty lands on another mask.
    let differ = 0;
    for (const errorCorrection of LEVELS) {
      for (const length of [1, 20, 50, 100, DEVICE_LINK.length, 300, 600, 1000, 1200]) {
        const text = length === DEVICE_LINK.length ? DEVICE_LINK : textOf(length);
        const code = encodeQrCode(text, { errorCorrection });
        const theirs = reference(text, errorCorrection);
        expect(theirs.version).toBe(code.version);
        if (theirs.mask === maskOf(code)) {
          expect(code.modules).toEqual(theirs.modules);
        } else {
          differ++;
          expect(scan(code.modules)).toBe(text);
          expect(scan(theirs.modules)).toBe(text);
        }
      }
    }
    expect(differ).toBeLessThanOrEqual(4);
  });
});

describe('renderQrCodeSvg', () => {
  /** The modules the path's `M x y h w v1 h-w z` rectangles cover, in an `side`-square grid. */
  function pathModules(svg: string, side: number): boolean[][] {
    const modules = Array.from({ length: side }, () => new Array<boolean>(side).fill(false));
    const d = /<path fill="#000" d="([^"]*)"\/>/.exec(svg)![1]!;
    expect(d).toMatch(/^(M\d+ \d+h\d+v1h-\d+z)*$/);
    for (const [, x, y, w] of d.matchAll(/M(\d+) (\d+)h(\d+)v1h-\3z/g)) {
      for (let i = 0; i < Number(w); i++) {
        expect(modules[Number(y)]![Number(x) + i]).toBe(false);
        modules[Number(y)]![Number(x) + i] = true;
      }
    }
    return modules;
  }

  it('draws a standalone SVG: white background, one path of dark modules, a 4-module quiet zone, crisp edges', () => {
    const code = encodeQrCode(DEVICE_LINK);
    const svg = renderQrCodeSvg(code);
    expect(svg).toMatch(
      /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="488" height="488" viewBox="0 0 61 61" shape-rendering="crispEdges">/,
    );
    expect(svg).toContain('<rect width="61" height="61" fill="#fff"/>');
    expect(svg.match(/<path /g)).toHaveLength(1);
    expect(svg.endsWith('</svg>')).toBe(true);
    const drawn = pathModules(svg, 61);
    expect(drawn.slice(4, 57).map((row) => row.slice(4, 57))).toEqual(code.modules);
    expect(drawn.flat().filter(Boolean)).toHaveLength(code.modules.flat().filter(Boolean).length);
    expect(scan(drawn.slice(4, 57).map((row) => row.slice(4, 57)))).toBe(DEVICE_LINK);
  });

  it('takes the module size in pixels and the quiet zone in modules', () => {
    const code = encodeQrCode('hello');
    const svg = renderQrCodeSvg(code, { moduleSize: 2, quietZone: 1 });
    expect(svg).toContain('width="46" height="46" viewBox="0 0 23 23"');
    expect(
      pathModules(svg, 23)
        .slice(1, 22)
        .map((row) => row.slice(1, 22)),
    ).toEqual(code.modules);
    expect(renderQrCodeSvg(code, { quietZone: 0 })).toContain('viewBox="0 0 21 21"');
  });

  it('refuses a negative or fractional quiet zone and a module size that is not a positive number', () => {
    const code = encodeQrCode('hello');
    expect(() => renderQrCodeSvg(code, { quietZone: -1 })).toThrow(RangeError);
    expect(() => renderQrCodeSvg(code, { quietZone: 1.5 })).toThrow(RangeError);
    expect(() => renderQrCodeSvg(code, { moduleSize: 0 })).toThrow(RangeError);
    expect(() => renderQrCodeSvg(code, { moduleSize: Number.NaN })).toThrow(RangeError);
  });
});

describe('renderQrCodeText', () => {
  /** Light (true) or dark per module row, read back from the half blocks. */
  function lightRows(text: string): boolean[][] {
    return text
      .split('\n')
      .slice(0, -1)
      .flatMap((line) => [
        [...line].map((c) => c === '█' || c === '▀'),
        [...line].map((c) => c === '█' || c === '▄'),
      ]);
  }

  it('draws two module rows per line, light modules and a 4-module quiet zone in blocks, dark ones blank', () => {
    const code = encodeQrCode(DEVICE_LINK);
    const text = renderQrCodeText(code);
    const lines = text.split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(Math.ceil((53 + 8) / 2));
    for (const line of lines) expect(line).toMatch(/^[█▀▄ ]{61}$/);
    const light = lightRows(text);
    expect(light.slice(0, 4).flat().every(Boolean)).toBe(true);
    expect(light[61]!.some(Boolean)).toBe(false); // below the symbol's last row on an odd side: nothing
    const dark = light.slice(4, 57).map((row) => row.slice(4, 57).map((isLight) => !isLight));
    expect(dark).toEqual(code.modules);
    expect(scan(dark)).toBe(DEVICE_LINK);
  });

  it('takes the quiet zone in modules', () => {
    const code = encodeQrCode('hello');
    const text = renderQrCodeText(code, { quietZone: 1 });
    expect(text.split('\n')[0]).toHaveLength(23);
    expect(
      lightRows(text)
        .slice(1, 22)
        .map((row) => row.slice(1, 22).map((l) => !l)),
    ).toEqual(code.modules);
    expect(() => renderQrCodeText(code, { quietZone: -2 })).toThrow(RangeError);
  });
});
