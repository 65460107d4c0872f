// A folder of Pyodide's in-memory file system as one uncompressed buffer, kept beside a memory snapshot
// (which holds no files): putting site-packages back from it takes milliseconds, unzipping it takes a second.
import type { PyodideAPI } from 'pyodide';

type FS = PyodideAPI['FS'];

const MAGIC = 0x46494d47; // "FIMG"
const HEADER = 8; // magic, index length

interface ImageIndex {
  root: string;
  dirs: string[];
  /** [path relative to root, offset in the buffer, size] */
  files: Array<[string, number, number]>;
}

/** Reads every folder and file under `root` into one buffer: an index, then the files' bytes. */
export function captureFolder(fs: FS, root: string): ArrayBuffer {
  const dirs: string[] = [];
  const found: Array<[string, number]> = [];
  const walk = (relative: string) => {
    for (const name of fs.readdir(`${root}/${relative}`)) {
      if (name === '.' || name === '..') continue;
      const path = relative ? `${relative}/${name}` : name;
      const { mode, size } = fs.stat(`${root}/${path}`);
      if (fs.isDir(mode)) {
        dirs.push(path);
        walk(path);
      } else if (fs.isFile(mode)) {
        found.push([path, size]);
      }
    }
  };
  walk('');
  let offset = 0;
  const files = found.map(([path, size]): [string, number, number] => {
    const entry: [string, number, number] = [path, offset, size];
    offset += size;
    return entry;
  });
  const index = new TextEncoder().encode(
    JSON.stringify({ root, dirs, files } satisfies ImageIndex),
  );
  const dataStart = align(HEADER + index.length);
  const image = new Uint8Array(dataStart + offset);
  new DataView(image.buffer).setUint32(0, MAGIC, true);
  new DataView(image.buffer).setUint32(4, index.length, true);
  image.set(index, HEADER);
  for (const [path, at, size] of files) {
    const stream = fs.open(`${root}/${path}`, 'r');
    try {
      fs.read(stream, image, dataStart + at, size, 0);
    } finally {
      fs.close(stream);
    }
  }
  return image.buffer;
}

/** Writes a captured folder back; the files keep views of `image` rather than copies. */
export function restoreFolder(fs: FS, image: Uint8Array): void {
  const view = new DataView(image.buffer, image.byteOffset, image.byteLength);
  if (image.byteLength < HEADER || view.getUint32(0, true) !== MAGIC)
    throw new Error('not a file image');
  const indexLength = view.getUint32(4, true);
  const index = JSON.parse(
    new TextDecoder().decode(image.subarray(HEADER, HEADER + indexLength)),
  ) as ImageIndex;
  const dataStart = align(HEADER + indexLength);
  fs.mkdirTree(index.root);
  for (const dir of index.dirs) fs.mkdirTree(`${index.root}/${dir}`);
  const write = fs.writeFile as (path: string, data: Uint8Array, opts: object) => void;
  for (const [path, at, size] of index.files) {
    if (dataStart + at + size > image.byteLength) throw new Error('the file image is cut short');
    write(`${index.root}/${path}`, image.subarray(dataStart + at, dataStart + at + size), {
      canOwn: true,
    });
  }
}

const align = (n: number) => Math.ceil(n / 8) * 8;
