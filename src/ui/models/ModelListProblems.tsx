import { useModelStore } from '../state/model-store';

/** Says which entries of public/models/models.json were skipped, so a deployment can fix them. */
export function ModelListProblems() {
  const problems = useModelStore((s) => s.listProblems);
  if (problems.length === 0) return null;
  return (
    <details className="model-list-problems">
      <summary>
        {problems.length === 1
          ? 'One problem in the model list (models.json)'
          : `${problems.length} problems in the model list (models.json)`}
      </summary>
      <ul>
        {problems.map((p) => (
          <li key={p}>{p}</li>
        ))}
      </ul>
    </details>
  );
}
