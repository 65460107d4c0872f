import {
  addLocalModel,
  listLocalModels,
  removeLocalModel,
} from '../../engine/storage/local-models';
import { toEngineError } from '../../engine/errors';
import type { ModelOption } from '../../engine/models/catalog';
import { inspectModelFolder, type ModelFolder } from '../../engine/models/model-folder';
import type { PickedFolder } from '../../ui/intents';
import { checkGgufHeadOffThread } from './gguf-head-off-thread';
import type { FolderAddState } from '../../ui/state/model-store';

function asModelFolder(picked: PickedFolder): ModelFolder {
  const files = new Map(picked.files.map((f) => [f.path, f.file]));
  const blob = (path: string) => {
    const found = files.get(path);
    if (!found) throw new Error(`${path} is not in the folder`);
    return found;
  };
  return {
    name: picked.name,
    files: picked.files.map((f) => ({ path: f.path, bytes: f.file.size })),
    readText: (path) => blob(path).text(),
    readBytes: async (path, start, end) =>
      new Uint8Array(await blob(path).slice(start, end).arrayBuffer()),
  };
}

function freeId(wanted: string, taken: ReadonlySet<string>): string {
  if (!taken.has(wanted)) return wanted;
  for (let n = 2; ; n++) if (!taken.has(`${wanted}-${n}`)) return `${wanted}-${n}`;
}

/** The offered models with those added from folders in earlier visits. */
export async function withLocalModels(
  baseUrl: string,
  options: ModelOption[],
): Promise<ModelOption[]> {
  const local = await listLocalModels(baseUrl).catch(() => []);
  if (local.length === 0) return options;
  return [...options.filter((m) => !local.some((l) => l.id === m.id)), ...local];
}

/** A model added from a folder, with what the panel says about it. */
export interface AddedFolder {
  option: ModelOption;
  label: string;
  warnings: string[];
}

/**
 * Checks a picked folder and stores it, reporting each step; says what is missing when it is not a usable model.
 * Returns the model added, or null when nothing was added.
 */
export async function addFolderModel(
  baseUrl: string,
  picked: PickedFolder,
  options: readonly ModelOption[],
  report: (state: FolderAddState) => void,
): Promise<AddedFolder | null> {
  report({ status: 'checking', name: picked.name });
  try {
    const taken = new Set(options.map((m) => m.id));
    const folder = asModelFolder(picked);
    const inspected = await inspectModelFolder(folder, { checkGgufHead: checkGgufHeadOffThread });
    if (!inspected.entry) {
      report({ status: 'failed', name: picked.name, errors: inspected.errors });
      return null;
    }
    const entry = { ...inspected.entry, id: freeId(inspected.entry.id, taken) };
    const files = new Map(picked.files.map((f) => [f.path.slice(inspected.root.length), f.file]));
    const label = `${picked.name} (from a folder, ${entry.format === 'gguf' ? 'llama.cpp' : 'WebLLM'})`;
    const option = await addLocalModel(baseUrl, entry, label, files, (progress) =>
      report({ status: 'storing', name: picked.name, ...progress }),
    );
    return { option, label, warnings: inspected.warnings };
  } catch (error) {
    report({ status: 'failed', name: picked.name, errors: [toEngineError(error).message] });
    return null;
  }
}

/** Removes a model added from a folder, files and all; returns the models still offered. Throws when it fails. */
export async function removeFolderModel(
  baseUrl: string,
  option: ModelOption,
  options: readonly ModelOption[],
): Promise<ModelOption[]> {
  await removeLocalModel(baseUrl, option);
  return options.filter((m) => m.id !== option.id);
}
