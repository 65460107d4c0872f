import { onHub, type ModelOption } from '../../engine/models/catalog';
import { mergeModelList, type ParsedModelList } from '../../engine/models/model-list';

/** The built-in models with models.json merged in (the entries it skipped are in `list.problems`). */
export function adoptModelList(
  options: readonly ModelOption[],
  list: ParsedModelList,
): ModelOption[] {
  const tests = options.filter((m) => m.isTestModel);
  // A mirror named by the deployment serves the built-in hub models.
  const builtIn = options
    .filter((m) => !m.isTestModel)
    .map((m) => (list.hubUrl ? onHub(m, list.hubUrl) : m));
  return [...tests, ...mergeModelList(builtIn, list.models)];
}
