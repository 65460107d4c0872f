// The picker and drop paths, with the browser's file-system objects replaced by small fakes of the same shape.
import { describe, expect, it } from 'vitest';
import { folderFromDirectoryHandle, folderFromDrop, folderFromFileList } from './folder-files';

// Browsers give every File a webkitRelativePath ('' when it was not picked as part of a folder); Node's File has none.
const file = (name: string, text = name) =>
  Object.defineProperty(new File([text], name), 'webkitRelativePath', { value: '' });
const paths = (folder: { files: Array<{ path: string }> } | null) =>
  folder?.files.map((f) => f.path).sort() ?? null;

type Handle = Parameters<typeof folderFromDirectoryHandle>[0];
function directoryHandle(name: string, children: Array<Handle | File>): Handle {
  return {
    kind: 'directory',
    name,
    async *values() {
      for (const child of children) {
        if (child instanceof File)
          yield { kind: 'file', name: child.name, getFile: async () => child };
        else yield child;
      }
    },
  };
}

/** A FileSystemDirectoryEntry whose reader answers in batches of two, then an empty batch, as Chromium's does. */
function directoryEntry(name: string, children: unknown[]) {
  return {
    isFile: false,
    isDirectory: true,
    name,
    createReader() {
      let at = 0;
      return {
        readEntries(ok: (entries: unknown[]) => void) {
          const batch = children.slice(at, at + 2);
          at += batch.length;
          setTimeout(() => ok(batch));
        },
      };
    },
  };
}
const fileEntry = (f: File) => ({
  isFile: true,
  isDirectory: false,
  name: f.name,
  file: (ok: (file: File) => void) => setTimeout(() => ok(f)),
});

function dropOf(entries: unknown[], files: File[] = []): DataTransfer {
  return {
    items: entries.map((entry) => ({ webkitGetAsEntry: () => entry })),
    files,
  } as unknown as DataTransfer;
}

describe('a picked or dropped folder', () => {
  it('from showDirectoryPicker: walks subfolders into paths relative to the folder', async () => {
    const handle = directoryHandle('MathCoder-MLC', [
      file('mlc-chat-config.json'),
      directoryHandle('shards', [file('params_shard_0.bin'), file('params_shard_1.bin')]),
    ]);
    const folder = await folderFromDirectoryHandle(handle);
    expect(folder.name).toBe('MathCoder-MLC');
    expect(paths(folder)).toEqual([
      'mlc-chat-config.json',
      'shards/params_shard_0.bin',
      'shards/params_shard_1.bin',
    ]);
  });

  it('dropped as a folder: reads every batch of entries, nested folders included', async () => {
    const entries = ['a.json', 'b.bin', 'c.bin', 'd.wasm', 'e.json'].map((n) => fileEntry(file(n)));
    const drop = dropOf([
      directoryEntry('Model', [...entries, directoryEntry('more', [fileEntry(file('f.bin'))])]),
    ]);
    const folder = await folderFromDrop(drop);
    expect(folder?.name).toBe('Model');
    expect(paths(folder)).toEqual(['a.json', 'b.bin', 'c.bin', 'd.wasm', 'e.json', 'more/f.bin']);
  });

  it('dropped as loose files: the files themselves, named after the first', async () => {
    const gguf = file('tutor-test.gguf');
    const folder = await folderFromDrop(dropOf([fileEntry(gguf)], [gguf]));
    expect(folder?.name).toBe('tutor-test');
    expect(folder?.files).toEqual([{ path: 'tutor-test.gguf', file: gguf }]);
  });

  it('a drop with nothing in it adds nothing', async () => {
    expect(await folderFromDrop(dropOf([], []))).toBeNull();
    expect(folderFromFileList([])).toBeNull();
  });
});
