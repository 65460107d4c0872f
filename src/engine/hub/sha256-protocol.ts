/** The worker is sent the blobs to hash, in order. */
export interface Sha256Request {
  blobs: Blob[];
}

/** Progress as it reads, then the digest (hex) or what failed. */
export type Sha256Reply =
  | { kind: 'progress'; hashed: number }
  | { kind: 'done'; hex: string }
  | { kind: 'failed'; message: string };
