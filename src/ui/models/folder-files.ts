// Turns what the browser gives for a picked or dropped folder into paths relative to that folder.
import type { PickedFolder } from '../intents';

/** From `<input webkitdirectory>`: each file's webkitRelativePath starts with the folder's name. */
export function folderFromFileList(files: ArrayLike<File>): PickedFolder | null {
  const list = Array.from(files);
  if (list.length === 0) return null;
  const first = list[0]!.webkitRelativePath.split('/')[0] ?? '';
  const inFolder = first !== '' && list.every((f) => f.webkitRelativePath.startsWith(`${first}/`));
  return {
    name: inFolder ? first : list[0]!.name.replace(/\.[^.]+$/, '') || 'model',
    files: list.map((file) => ({
      path: inFolder ? file.webkitRelativePath.slice(first.length + 1) : file.name,
      file,
    })),
  };
}

interface DirectoryHandleLike {
  kind: 'directory';
  name: string;
  values(): AsyncIterable<
    DirectoryHandleLike | { kind: 'file'; name: string; getFile(): Promise<File> }
  >;
}

/** From showDirectoryPicker(): walks the folder. */
export async function folderFromDirectoryHandle(
  handle: DirectoryHandleLike,
): Promise<PickedFolder> {
  const files: PickedFolder['files'] = [];
  const walk = async (dir: DirectoryHandleLike, prefix: string) => {
    for await (const entry of dir.values()) {
      if (entry.kind === 'directory') await walk(entry, `${prefix}${entry.name}/`);
      else files.push({ path: `${prefix}${entry.name}`, file: await entry.getFile() });
    }
  };
  await walk(handle, '');
  return { name: handle.name, files };
}

interface EntryLike {
  isFile: boolean;
  isDirectory: boolean;
  name: string;
  file?(ok: (file: File) => void, fail: (error: unknown) => void): void;
  createReader?(): {
    readEntries(ok: (entries: EntryLike[]) => void, fail: (error: unknown) => void): void;
  };
}

async function readDirectory(entry: EntryLike, prefix: string, out: PickedFolder['files']) {
  const reader = entry.createReader!();
  // readEntries answers in batches until it answers an empty one.
  for (;;) {
    const batch = await new Promise<EntryLike[]>((ok, fail) => reader.readEntries(ok, fail));
    if (batch.length === 0) return;
    for (const child of batch) await readEntry(child, prefix, out);
  }
}

async function readEntry(entry: EntryLike, prefix: string, out: PickedFolder['files']) {
  if (entry.isDirectory) return readDirectory(entry, `${prefix}${entry.name}/`, out);
  const file = await new Promise<File>((ok, fail) => entry.file!(ok, fail));
  out.push({ path: `${prefix}${entry.name}`, file });
}

/** From a drop: one folder (walked), or loose files. */
export async function folderFromDrop(data: DataTransfer): Promise<PickedFolder | null> {
  // Entries must be taken during the drop event, before the first await.
  const entries = Array.from(data.items).flatMap((item) => {
    const entry = item.webkitGetAsEntry?.() as unknown as EntryLike | null | undefined;
    return entry ? [entry] : [];
  });
  const folder = entries.length === 1 && entries[0]!.isDirectory ? entries[0]! : null;
  if (folder) {
    const files: PickedFolder['files'] = [];
    await readDirectory(folder, '', files);
    return { name: folder.name, files };
  }
  return folderFromFileList(data.files);
}
