// A large remote file is stored as pieces of a fixed size, each its own Cache API entry, so an interrupted download
// resumes piece by piece and the whole file is a Blob composed of disk-backed pieces, never one copy in memory.

/** 64 MiB: about 64 requests for a 4 GB model, and little lost when a connection drops. */
export const DEFAULT_PIECE_BYTES = 64 << 20;

export interface PieceRange {
  index: number;
  start: number;
  /** Exclusive. */
  end: number;
}

export function pieceRanges(size: number, pieceBytes: number): PieceRange[] {
  const count = Math.ceil(size / pieceBytes);
  return Array.from({ length: count }, (_, index) => ({
    index,
    start: index * pieceBytes,
    end: Math.min(size, (index + 1) * pieceBytes),
  }));
}

/** The storage key of one piece: the file's URL with the piece named, so pieces of different files never mix. */
export function pieceKey(url: string, piece: PieceRange, count: number): string {
  const key = new URL(url);
  key.searchParams.set('tutor-piece', `${piece.index + 1}-of-${count}`);
  return key.href;
}

/** The key of the file's record: its size, sha256 and piece size, written once every piece is stored and checked. */
export function fileRecordKey(url: string): string {
  const key = new URL(url);
  key.searchParams.set('tutor-file', 'record');
  return key.href;
}
