import { addLocalModel, listLocalModels, removeLocalModel } from '../engine/backends/local-models';
import { toEngineError } from '../engine/errors';
import type { ModelOption } from '../engine/models/catalog';
import { inspectModelFolder, type ModelFolder } from '../engine/models/model-folder';
import type { PickedFolder } from '../ui/intents';
import { useModelStore } from '../ui/state/model-store';
import { toModelChoice } from './model-choices';

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

function offer(options: ModelOption[], selected: string | null): void {
  const store = useModelStore.getState();
  const keep = selected ?? store.selectedId;
  store.setModels(
    options.map(toModelChoice),
    keep && options.some((m) => m.id === keep) ? keep : (options[0]?.id ?? null),
  );
}

/** The offered models with those added from folders in earlier visits. */
export async function withLocalModels(
  baseUrl: string,
  options: ModelOption[],
): Promise<ModelOption[]> {
  const local = await listLocalModels(baseUrl).catch(() => []);
  if (local.length === 0) return options;
  const next = [...options.filter((m) => !local.some((l) => l.id === m.id)), ...local];
  offer(next, null);
  return next;
}

/**
 * Checks a picked folder, stores it and offers it (selected); says in the panel what is missing when it is not a
 * usable model. Returns the new list of models, or null when nothing was added.
 */
export async function addFolderModel(
  baseUrl: string,
  picked: PickedFolder,
  options: ModelOption[],
): Promise<ModelOption[] | null> {
  const store = useModelStore.getState();
  store.setFolderAdd({ status: 'checking', name: picked.name });
  try {
    const taken = new Set(options.map((m) => m.id));
    const folder = asModelFolder(picked);
    const report = await inspectModelFolder(folder);
    if (!report.entry) {
      store.setFolderAdd({ status: 'failed', name: picked.name, errors: report.errors });
      return null;
    }
    const entry = { ...report.entry, id: freeId(report.entry.id, taken) };
    const files = new Map(picked.files.map((f) => [f.path.slice(report.root.length), f.file]));
    const label = `${picked.name} (from a folder, ${entry.format === 'gguf' ? 'llama.cpp' : 'WebLLM'})`;
    const option = await addLocalModel(baseUrl, entry, label, files, (progress) =>
      store.setFolderAdd({ status: 'storing', name: picked.name, ...progress }),
    );
    const next = [...options, option];
    offer(next, option.id);
    useModelStore.getState().select(option.id);
    store.setFolderAdd({ status: 'added', name: picked.name, label, warnings: report.warnings });
    return next;
  } catch (error) {
    store.setFolderAdd({
      status: 'failed',
      name: picked.name,
      errors: [toEngineError(error).message],
    });
    return null;
  }
}

/** Removes a model added from a folder, files and all, and stops offering it. */
export async function removeFolderModel(
  baseUrl: string,
  option: ModelOption,
  options: ModelOption[],
): Promise<ModelOption[]> {
  try {
    await removeLocalModel(baseUrl, option);
  } catch (error) {
    useModelStore.getState().setStorageError(toEngineError(error));
    return options;
  }
  const next = options.filter((m) => m.id !== option.id);
  offer(next, null);
  return next;
}
