// A reader for the key/value header of a GGUF file (ggml's documented format, version 2 and 3), and the one patch the tutor needs.

export const GGUF_MAGIC = 0x46554747;

export const GgufType = {
  Uint8: 0,
  Int8: 1,
  Uint16: 2,
  Int16: 3,
  Uint32: 4,
  Int32: 5,
  Float32: 6,
  Bool: 7,
  String: 8,
  Array: 9,
  Uint64: 10,
  Int64: 11,
  Float64: 12,
} as const;
export type GgufType = (typeof GgufType)[keyof typeof GgufType];

/** llama.cpp's token types (`llama_token_type`). */
export const TOKEN_TYPE = { normal: 1, unknown: 2, control: 3, userDefined: 4, byte: 6 } as const;

export type GgufScalar = number | bigint | boolean | string;
export type GgufValue = GgufScalar | GgufArray;

export interface GgufArray {
  itemType: GgufType;
  length: number;
  /** Items are kept for arrays the caller asked to read; others are skipped. */
  items: GgufScalar[] | null;
  /** Byte offset of the first item, so fixed-size items can be patched in place. */
  offset: number;
}

export interface GgufHeader {
  version: number;
  tensorCount: bigint;
  metadata: Map<string, GgufValue>;
  /** Where the tensor infos start. */
  metadataEnd: number;
  /** Each key/value's bytes [start, end), so a writer can copy them verbatim. */
  keyRanges: Map<string, { start: number; end: number }>;
}

export class GgufError extends Error {
  override name = 'GgufError';
}

/** The bytes end before the header does: a reader of a file's first bytes reads more and tries again. */
export class GgufCutShortError extends GgufError {
  override name = 'GgufCutShortError';
}

const FIXED_SIZE: Partial<Record<GgufType, number>> = {
  [GgufType.Uint8]: 1,
  [GgufType.Int8]: 1,
  [GgufType.Bool]: 1,
  [GgufType.Uint16]: 2,
  [GgufType.Int16]: 2,
  [GgufType.Uint32]: 4,
  [GgufType.Int32]: 4,
  [GgufType.Float32]: 4,
  [GgufType.Uint64]: 8,
  [GgufType.Int64]: 8,
  [GgufType.Float64]: 8,
};

export class Cursor {
  offset = 0;
  private readonly view: DataView;
  private readonly decoder = new TextDecoder();
  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  private need(n: number) {
    if (this.offset + n > this.bytes.byteLength) {
      throw new GgufCutShortError(
        'The GGUF header is cut short: the file is truncated or not a GGUF file.',
      );
    }
  }
  u32(): number {
    this.need(4);
    const v = this.view.getUint32(this.offset, true);
    this.offset += 4;
    return v;
  }
  u64(): bigint {
    this.need(8);
    const v = this.view.getBigUint64(this.offset, true);
    this.offset += 8;
    return v;
  }
  length(): number {
    const n = this.u64();
    // Past the bytes at hand: either a damaged length or a header longer than what was read.
    if (n > BigInt(this.bytes.byteLength)) {
      throw new GgufCutShortError('A GGUF length is out of range.');
    }
    return Number(n);
  }
  string(): string {
    const n = this.length();
    this.need(n);
    const s = this.decoder.decode(this.bytes.subarray(this.offset, this.offset + n));
    this.offset += n;
    return s;
  }
  scalar(type: GgufType): GgufScalar {
    const v = this.view;
    const at = this.offset;
    if (type === GgufType.String) return this.string();
    const size = FIXED_SIZE[type];
    if (size === undefined) throw new GgufError(`Unknown GGUF value type ${type}.`);
    this.need(size);
    this.offset += size;
    switch (type) {
      case GgufType.Uint8:
        return v.getUint8(at);
      case GgufType.Int8:
        return v.getInt8(at);
      case GgufType.Bool:
        return v.getUint8(at) !== 0;
      case GgufType.Uint16:
        return v.getUint16(at, true);
      case GgufType.Int16:
        return v.getInt16(at, true);
      case GgufType.Uint32:
        return v.getUint32(at, true);
      case GgufType.Int32:
        return v.getInt32(at, true);
      case GgufType.Float32:
        return v.getFloat32(at, true);
      case GgufType.Uint64:
        return v.getBigUint64(at, true);
      case GgufType.Int64:
        return v.getBigInt64(at, true);
      default:
        return v.getFloat64(at, true);
    }
  }
  skip(type: GgufType, count: number) {
    const size = FIXED_SIZE[type];
    if (size !== undefined) {
      this.need(size * count);
      this.offset += size * count;
      return;
    }
    for (let i = 0; i < count; i++) this.scalar(type);
  }
}

/** Reads the metadata of a GGUF file; arrays are read only for the keys in `readArrays`. */
export function readGgufHeader(bytes: Uint8Array, readArrays: readonly string[] = []): GgufHeader {
  const c = new Cursor(bytes);
  if (c.u32() !== GGUF_MAGIC) throw new GgufError('This is not a GGUF file (wrong magic number).');
  const version = c.u32();
  if (version < 2 || version > 3) throw new GgufError(`GGUF version ${version} is not supported.`);
  const tensorCount = c.u64();
  const kvCount = c.length();
  const metadata = new Map<string, GgufValue>();
  const keyRanges = new Map<string, { start: number; end: number }>();
  for (let i = 0; i < kvCount; i++) {
    const start = c.offset;
    const key = c.string();
    const type = c.u32() as GgufType;
    if (type !== GgufType.Array) {
      metadata.set(key, c.scalar(type));
      keyRanges.set(key, { start, end: c.offset });
      continue;
    }
    const itemType = c.u32() as GgufType;
    const length = c.length();
    const offset = c.offset;
    let items: GgufScalar[] | null = null;
    if (readArrays.includes(key)) {
      items = [];
      for (let j = 0; j < length; j++) items.push(c.scalar(itemType));
    } else {
      c.skip(itemType, length);
    }
    metadata.set(key, { itemType, length, items, offset });
    keyRanges.set(key, { start, end: c.offset });
  }
  return { version, tensorCount, metadata, metadataEnd: c.offset, keyRanges };
}

function isArray(value: GgufValue | undefined): value is GgufArray {
  return typeof value === 'object' && value !== null && 'itemType' in value;
}

/** Retypes the named tokens CONTROL → USER_DEFINED in place, since llama.cpp hides CONTROL tokens from the text it returns. */
export function patchControlTokensToUserDefined(
  bytes: Uint8Array,
  tokenTexts: readonly string[],
): number {
  const header = readGgufHeader(bytes, ['tokenizer.ggml.tokens']);
  const tokens = header.metadata.get('tokenizer.ggml.tokens');
  const types = header.metadata.get('tokenizer.ggml.token_type');
  if (!isArray(tokens) || !tokens.items || !isArray(types)) return 0;
  if (types.itemType !== GgufType.Int32 || types.length !== tokens.length) {
    throw new GgufError('The GGUF token types are not one int32 per token.');
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const wanted = new Set(tokenTexts);
  let changed = 0;
  tokens.items.forEach((text, id) => {
    if (typeof text !== 'string' || !wanted.has(text)) return;
    const at = types.offset + 4 * id;
    if (view.getInt32(at, true) !== TOKEN_TYPE.control) return;
    view.setInt32(at, TOKEN_TYPE.userDefined, true);
    changed++;
  });
  return changed;
}
