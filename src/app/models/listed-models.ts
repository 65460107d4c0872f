import { onHub, type ModelOption } from '../../engine/models/catalog';
import { mergeModelList, type ParsedModelList } from '../../engine/models/model-list';

/**
 * The built-in models with models.json merged in (the entries it skipped are in `list.problems`); every hub model is
 * served by models.json's `hub`, else by `hubUrl` (the build's hub).
 */
export function adoptModelList(
  options: readonly ModelOption[],
  list: ParsedModelList,
  hubUrl: string,
): ModelOption[] {
  const tests = options.filter((m) => m.isTestModel);
  const hub = list.hubUrl ?? hubUrl;
  const builtIn = options.filter((m) => !m.isTestModel);
  return [...tests, ...mergeModelList(builtIn, list.models).map((m) => onHub(m, hub))];
}
