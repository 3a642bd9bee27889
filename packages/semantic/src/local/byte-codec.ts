/**
 * The little binary toolkit of the compact model format: unsigned varints (LEB128) and
 * little-endian float32 values, carried in JSON as base64. Plain JavaScript (`btoa`/`atob`),
 * so a saved model loads the same in Node, Deno, Bun and browsers.
 */
export class ByteWriter {
  private bytes = new Uint8Array(1024);
  private view = new DataView(this.bytes.buffer);
  private length = 0;

  varint(value: number): void {
    this.reserve(5);
    let rest = value >>> 0;
    while (rest >= 0x80) {
      this.bytes[this.length++] = (rest & 0x7f) | 0x80;
      rest >>>= 7;
    }
    this.bytes[this.length++] = rest;
  }

  float32(value: number): void {
    this.reserve(4);
    this.view.setFloat32(this.length, value, true);
    this.length += 4;
  }

  toBase64(): string {
    // Chunked: String.fromCharCode(...all) would overflow the call stack on megabytes.
    let binary = '';
    for (let start = 0; start < this.length; start += 0x8000) {
      const end = Math.min(start + 0x8000, this.length);
      binary += String.fromCharCode(...this.bytes.subarray(start, end));
    }
    return btoa(binary);
  }

  private reserve(count: number): void {
    if (this.length + count <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.length + count));
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
    this.view = new DataView(grown.buffer);
  }
}

/** Thrown by `ByteReader` on truncated or malformed data; callers turn it into a typed error. */
export class ByteFormatError extends Error {}

export class ByteReader {
  private readonly view: DataView;
  private offset = 0;

  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  static fromBase64(text: string): ByteReader {
    let binary: string;
    try {
      binary = atob(text);
    } catch {
      throw new ByteFormatError('not base64');
    }
    const bytes = new Uint8Array(binary.length);
    for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
    return new ByteReader(bytes);
  }

  get done(): boolean {
    return this.offset === this.bytes.length;
  }

  varint(): number {
    let value = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      const byte = this.bytes[this.offset++];
      if (byte === undefined) throw new ByteFormatError('truncated varint');
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return value;
    }
    throw new ByteFormatError('varint too long');
  }

  float32(): number {
    if (this.offset + 4 > this.bytes.length) throw new ByteFormatError('truncated float32');
    const value = this.view.getFloat32(this.offset, true);
    this.offset += 4;
    return value;
  }
}
