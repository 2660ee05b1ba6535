/**
 * A small, strict DER codec: the writer produces exactly the bytes asked for (raw passthrough of already-encoded
 * parts such as an issuer name or a public key), the reader accepts DER only (definite, minimal lengths, no
 * trailing bytes) and keeps every node's raw bytes, so signatures can be checked over exactly what was received.
 * Internal to @tessera/pki; see docs/adr for why this is not a general ASN.1 library.
 */

/** Universal tags used by the X.509, OCSP and CRL structures here. */
export const TAG = {
  BOOLEAN: 0x01,
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  ENUMERATED: 0x0a,
  UTF8_STRING: 0x0c,
  PRINTABLE_STRING: 0x13,
  T61_STRING: 0x14,
  IA5_STRING: 0x16,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
  BMP_STRING: 0x1e,
  SEQUENCE: 0x30,
  SET: 0x31,
} as const;

/** Thrown by the reader; parsers turn it into a PkiError with their own code. */
export class DerError extends Error {
  override readonly name = 'DerError';
}

// ---------------------------------------------------------------- writer

function encodeLength(length: number): Uint8Array<ArrayBuffer> {
  if (length < 0x80) return Uint8Array.of(length);
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n & 0xff);
  return Uint8Array.of(0x80 | bytes.length, ...bytes);
}

function concat(parts: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** One TLV with a single-byte tag. */
export function tlv(tag: number, content: Uint8Array): Uint8Array<ArrayBuffer> {
  return concat([Uint8Array.of(tag), encodeLength(content.length), content]);
}

/** SEQUENCE of already-encoded items (undefined items are left out: optional fields). */
export function seq(...items: readonly (Uint8Array | undefined)[]): Uint8Array<ArrayBuffer> {
  return tlv(TAG.SEQUENCE, concat(items.filter((i): i is Uint8Array => i !== undefined)));
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/** SET OF, with its elements in DER order (sorted by encoding). */
export function setOf(...items: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  return tlv(TAG.SET, concat([...items].sort(compareBytes)));
}

/** A non-negative INTEGER (minimal encoding); the structures here never carry negative integers. */
export function int(value: bigint | number): Uint8Array<ArrayBuffer> {
  let v = BigInt(value);
  if (v < 0n) throw new DerError('Negative integers are not used here.');
  const bytes: number[] = [];
  do {
    bytes.unshift(Number(v & 0xffn));
    v >>= 8n;
  } while (v > 0n);
  if (bytes[0]! & 0x80) bytes.unshift(0);
  return tlv(TAG.INTEGER, Uint8Array.from(bytes));
}

/** An INTEGER whose value is the unsigned big-endian bytes given (leading zeros dropped). */
export function unsignedInt(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  const body = bytes.subarray(start);
  if (body.length === 0) return tlv(TAG.INTEGER, Uint8Array.of(0));
  return tlv(TAG.INTEGER, body[0]! & 0x80 ? concat([Uint8Array.of(0), body]) : body);
}

/** ENUMERATED. */
export function enumerated(value: number): Uint8Array<ArrayBuffer> {
  const encoded = int(value);
  encoded[0] = TAG.ENUMERATED;
  return encoded;
}

/** BOOLEAN (DER: 0xff for true). */
export function bool(value: boolean): Uint8Array<ArrayBuffer> {
  return tlv(TAG.BOOLEAN, Uint8Array.of(value ? 0xff : 0));
}

/** NULL. */
export function nul(): Uint8Array<ArrayBuffer> {
  return Uint8Array.of(TAG.NULL, 0);
}

/** OBJECT IDENTIFIER from dotted notation. */
export function oid(dotted: string): Uint8Array<ArrayBuffer> {
  const arcs = dotted.split('.').map((a) => {
    if (!/^\d+$/.test(a)) throw new DerError(`Not an object identifier: ${dotted}`);
    return BigInt(a);
  });
  if (arcs.length < 2 || arcs[0]! > 2n || (arcs[0]! < 2n && arcs[1]! > 39n)) {
    throw new DerError(`Not an object identifier: ${dotted}`);
  }
  const out: number[] = [];
  const subs = [arcs[0]! * 40n + arcs[1]!, ...arcs.slice(2)];
  for (const sub of subs) {
    const chunk: number[] = [Number(sub & 0x7fn)];
    for (let v = sub >> 7n; v > 0n; v >>= 7n) chunk.unshift(Number(v & 0x7fn) | 0x80);
    out.push(...chunk);
  }
  return tlv(TAG.OID, Uint8Array.from(out));
}

/** OCTET STRING. */
export function octets(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return tlv(TAG.OCTET_STRING, bytes);
}

/** BIT STRING of whole bytes (no unused bits). */
export function bits(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return tlv(TAG.BIT_STRING, concat([Uint8Array.of(0), bytes]));
}

/**
 * A named-bit BIT STRING (KeyUsage and the like) with bit `n` counted from the most significant bit of the
 * first byte, trailing zero bits removed as DER requires.
 */
export function namedBits(setBits: readonly number[]): Uint8Array<ArrayBuffer> {
  if (setBits.length === 0) return tlv(TAG.BIT_STRING, Uint8Array.of(0));
  const highest = Math.max(...setBits);
  const bytes = new Uint8Array(Math.floor(highest / 8) + 1);
  for (const b of setBits) bytes[Math.floor(b / 8)]! |= 0x80 >> (b % 8);
  const unused = 7 - (highest % 8);
  return tlv(TAG.BIT_STRING, concat([Uint8Array.of(unused), bytes]));
}

const PRINTABLE = /^[A-Za-z0-9 '()+,\-./:=?]*$/;

/** PrintableString; throws if a character is outside its alphabet. */
export function printable(text: string): Uint8Array<ArrayBuffer> {
  if (!PRINTABLE.test(text)) throw new DerError('The text has characters outside PrintableString.');
  return tlv(TAG.PRINTABLE_STRING, new TextEncoder().encode(text));
}

/** Whether `text` can be written as a PrintableString. */
export function isPrintable(text: string): boolean {
  return PRINTABLE.test(text);
}

/** UTF8String. */
export function utf8(text: string): Uint8Array<ArrayBuffer> {
  return tlv(TAG.UTF8_STRING, new TextEncoder().encode(text));
}

/** IA5String of printable ASCII (URIs, e-mail addresses); throws on anything else. */
export function ia5(text: string): Uint8Array<ArrayBuffer> {
  if (!/^[\x20-\x7e]*$/.test(text)) throw new DerError('The text has characters outside printable ASCII.');
  return tlv(TAG.IA5_STRING, new TextEncoder().encode(text));
}

function two(n: number): string {
  return String(n).padStart(2, '0');
}

function checkWholeSeconds(date: Date): void {
  if (Number.isNaN(date.getTime())) throw new DerError('Invalid date.');
  if (date.getTime() % 1000 !== 0) throw new DerError('DER times carry whole seconds only.');
}

/** UTCTime (YYMMDDHHMMSSZ); only for 1950–2049, as RFC 5280 requires. */
export function utcTime(date: Date): Uint8Array<ArrayBuffer> {
  checkWholeSeconds(date);
  const y = date.getUTCFullYear();
  if (y < 1950 || y > 2049) throw new DerError('UTCTime covers 1950–2049 only.');
  const text = `${two(y % 100)}${two(date.getUTCMonth() + 1)}${two(date.getUTCDate())}${two(date.getUTCHours())}${two(date.getUTCMinutes())}${two(date.getUTCSeconds())}Z`;
  return tlv(TAG.UTC_TIME, new TextEncoder().encode(text));
}

/** GeneralizedTime (YYYYMMDDHHMMSSZ, no fractions). */
export function generalizedTime(date: Date): Uint8Array<ArrayBuffer> {
  checkWholeSeconds(date);
  const y = date.getUTCFullYear();
  if (y < 0 || y > 9999) throw new DerError('GeneralizedTime covers years 0–9999 only.');
  const text = `${String(y).padStart(4, '0')}${two(date.getUTCMonth() + 1)}${two(date.getUTCDate())}${two(date.getUTCHours())}${two(date.getUTCMinutes())}${two(date.getUTCSeconds())}Z`;
  return tlv(TAG.GENERALIZED_TIME, new TextEncoder().encode(text));
}

/** X.509 Time: UTCTime through 2049, GeneralizedTime from 2050 (RFC 5280 §4.1.2.5). */
export function x509Time(date: Date): Uint8Array<ArrayBuffer> {
  const y = date.getUTCFullYear();
  return y >= 1950 && y <= 2049 ? utcTime(date) : generalizedTime(date);
}

/** `[n] EXPLICIT inner`. */
export function explicit(n: number, inner: Uint8Array): Uint8Array<ArrayBuffer> {
  return tlv(0xa0 | n, inner);
}

/** `[n] IMPLICIT` of a primitive value: the content bytes given. */
export function implicitPrimitive(n: number, content: Uint8Array): Uint8Array<ArrayBuffer> {
  return tlv(0x80 | n, content);
}

/** `[n] IMPLICIT` of a constructed value: the items' encodings concatenated. */
export function implicitConstructed(n: number, ...items: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  return tlv(0xa0 | n, concat(items));
}

// ---------------------------------------------------------------- reader

/** One decoded TLV: its tag byte, raw bytes (header + content) and content. */
export interface DerNode {
  readonly tag: number;
  readonly constructed: boolean;
  readonly raw: Uint8Array;
  readonly content: Uint8Array;
}

function readOne(bytes: Uint8Array, offset: number): DerNode {
  const tag = bytes[offset];
  if (tag === undefined) throw new DerError('Unexpected end of data: no tag.');
  if ((tag & 0x1f) === 0x1f) throw new DerError('Multi-byte tags are not used here.');
  const first = bytes[offset + 1];
  if (first === undefined) throw new DerError('Unexpected end of data: no length.');
  let length: number;
  let header: number;
  if (first < 0x80) {
    length = first;
    header = 2;
  } else {
    const count = first & 0x7f;
    if (count === 0) throw new DerError('Indefinite lengths are not DER.');
    if (count > 4) throw new DerError('Length too large.');
    length = 0;
    for (let i = 0; i < count; i++) {
      const b = bytes[offset + 2 + i];
      if (b === undefined) throw new DerError('Unexpected end of data in a length.');
      if (i === 0 && b === 0) throw new DerError('Non-minimal length encoding.');
      length = length * 256 + b;
    }
    if (length < 0x80) throw new DerError('Non-minimal length encoding.');
    header = 2 + count;
  }
  const end = offset + header + length;
  if (end > bytes.length) throw new DerError('A length runs past the end of the data.');
  return {
    tag,
    constructed: (tag & 0x20) !== 0,
    raw: bytes.subarray(offset, end),
    content: bytes.subarray(offset + header, end),
  };
}

/** Decodes exactly one DER value filling all of `bytes`. */
export function readDer(bytes: Uint8Array): DerNode {
  const node = readOne(bytes, 0);
  if (node.raw.length !== bytes.length) throw new DerError('Trailing bytes after the DER value.');
  return node;
}

/** The children of a constructed node, in order. */
export function children(node: DerNode): DerNode[] {
  if (!node.constructed) throw new DerError(`Tag 0x${node.tag.toString(16)} is not constructed.`);
  const out: DerNode[] = [];
  for (let at = 0; at < node.content.length; ) {
    const child = readOne(node.content, at);
    out.push(child);
    at += child.raw.length;
  }
  return out;
}

/** Asserts a node's tag and returns it. */
export function expectTag(node: DerNode | undefined, tag: number, what: string): DerNode {
  if (node === undefined) throw new DerError(`Missing ${what}.`);
  if (node.tag !== tag) {
    throw new DerError(`Expected ${what} (tag 0x${tag.toString(16)}), found tag 0x${node.tag.toString(16)}.`);
  }
  return node;
}

/** The children of a SEQUENCE node, after checking it is one. */
export function sequenceItems(node: DerNode | undefined, what: string): DerNode[] {
  return children(expectTag(node, TAG.SEQUENCE, what));
}

/** An INTEGER's value (minimal encoding required). */
export function readInteger(node: DerNode | undefined, what: string): bigint {
  const n = expectTag(node, TAG.INTEGER, what);
  const c = n.content;
  if (c.length === 0) throw new DerError(`Empty ${what}.`);
  if (c.length > 1 && ((c[0] === 0 && !(c[1]! & 0x80)) || (c[0] === 0xff && c[1]! & 0x80))) {
    throw new DerError(`Non-minimal ${what}.`);
  }
  let v = 0n;
  for (const b of c) v = (v << 8n) | BigInt(b);
  if (c[0]! & 0x80) v -= 1n << BigInt(8 * c.length);
  return v;
}

/** An INTEGER's unsigned magnitude bytes (the leading 0x00 sign byte dropped). */
export function readUnsignedIntegerBytes(node: DerNode | undefined, what: string): Uint8Array {
  const value = readInteger(node, what);
  if (value < 0n) throw new DerError(`Negative ${what}.`);
  const c = node!.content;
  return c[0] === 0 && c.length > 1 ? c.subarray(1) : c;
}

/** An OBJECT IDENTIFIER in dotted notation. */
export function readOid(node: DerNode | undefined, what: string): string {
  const c = expectTag(node, TAG.OID, what).content;
  if (c.length === 0 || c[c.length - 1]! & 0x80) throw new DerError(`Malformed ${what}.`);
  const subs: bigint[] = [];
  let v = 0n;
  for (let i = 0; i < c.length; i++) {
    if (v === 0n && c[i] === 0x80) throw new DerError(`Non-minimal ${what}.`);
    v = (v << 7n) | BigInt(c[i]! & 0x7f);
    if (!(c[i]! & 0x80)) {
      subs.push(v);
      v = 0n;
    }
  }
  const first = subs[0]!;
  const head = first < 80n ? [first / 40n, first % 40n] : [2n, first - 80n];
  return [...head, ...subs.slice(1)].join('.');
}

/** An OCTET STRING's content. */
export function readOctets(node: DerNode | undefined, what: string): Uint8Array {
  return expectTag(node, TAG.OCTET_STRING, what).content;
}

/** A BIT STRING's bytes and unused-bit count. */
export function readBits(node: DerNode | undefined, what: string): { bytes: Uint8Array; unusedBits: number } {
  const c = expectTag(node, TAG.BIT_STRING, what).content;
  const unusedBits = c[0];
  if (unusedBits === undefined || unusedBits > 7 || (c.length === 1 && unusedBits !== 0)) {
    throw new DerError(`Malformed ${what}.`);
  }
  return { bytes: c.subarray(1), unusedBits };
}

/** A BOOLEAN (DER: 0x00 or 0xff). */
export function readBoolean(node: DerNode | undefined, what: string): boolean {
  const c = expectTag(node, TAG.BOOLEAN, what).content;
  if (c.length !== 1 || (c[0] !== 0 && c[0] !== 0xff)) throw new DerError(`Malformed ${what}.`);
  return c[0] === 0xff;
}

/** A UTCTime or GeneralizedTime as a Date (Z form, whole seconds, as RFC 5280 requires). */
export function readTime(node: DerNode | undefined, what: string): Date {
  if (node === undefined) throw new DerError(`Missing ${what}.`);
  const text = new TextDecoder().decode(node.content);
  let m: RegExpExecArray | null;
  let year: number;
  if (node.tag === TAG.UTC_TIME && (m = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text))) {
    const yy = Number(m[1]);
    year = yy >= 50 ? 1900 + yy : 2000 + yy;
  } else if (
    node.tag === TAG.GENERALIZED_TIME &&
    (m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text))
  ) {
    year = Number(m[1]);
  } else {
    throw new DerError(`Malformed ${what}.`);
  }
  const date = new Date(
    Date.UTC(year, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])),
  );
  if (date.getUTCMonth() !== Number(m[2]) - 1 || date.getUTCDate() !== Number(m[3])) {
    throw new DerError(`Malformed ${what}.`);
  }
  if (year < 100) date.setUTCFullYear(year);
  return date;
}

/** A string value of a directory attribute (UTF8, Printable, IA5, BMP or T61 treated as Latin-1). */
export function readString(node: DerNode | undefined, what: string): string {
  if (node === undefined) throw new DerError(`Missing ${what}.`);
  switch (node.tag) {
    case TAG.UTF8_STRING:
    case TAG.PRINTABLE_STRING:
    case TAG.IA5_STRING:
      return new TextDecoder('utf-8', { fatal: true }).decode(node.content);
    case TAG.T61_STRING:
      return String.fromCharCode(...node.content);
    case TAG.BMP_STRING: {
      if (node.content.length % 2 !== 0) throw new DerError(`Malformed ${what}.`);
      let s = '';
      for (let i = 0; i < node.content.length; i += 2) {
        s += String.fromCharCode((node.content[i]! << 8) | node.content[i + 1]!);
      }
      return s;
    }
    default:
      throw new DerError(`Expected a string for ${what}, found tag 0x${node.tag.toString(16)}.`);
  }
}
