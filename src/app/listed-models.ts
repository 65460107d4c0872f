import { onHub, type ModelOption } from '../engine/models/catalog';
import { mergeModelList, type ParsedModelList } from '../engine/models/model-list';
import { useModelStore } from '../ui/state/model-store';
import { toModelChoice } from './model-choices';

/** Offers the catalog with models.json merged in, keeping the user's selection, and shows the entries skipped. */
export function adoptModelList(
  options: readonly ModelOption[],
  list: ParsedModelList,
): ModelOption[] {
  const tests = options.filter((m) => m.isTestModel);
  // A mirror named by the deployment serves the built-in hub models.
  const builtIn = options
    .filter((m) => !m.isTestModel)
    .map((m) => (list.hubUrl ? onHub(m, list.hubUrl) : m));
  const merged = [...tests, ...mergeModelList(builtIn, list.models)];
  const store = useModelStore.getState();
  const selected =
    store.selectedId && merged.some((m) => m.id === store.selectedId)
      ? store.selectedId
      : (merged[0]?.id ?? null);
  store.setModels(merged.map(toModelChoice), selected);
  store.setListProblems(list.problems);
  return merged;
}
