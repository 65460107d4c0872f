// The required fields and allowed values of nbformat 4.5's JSON schema (nbformat.v4.5.schema.json), checked by hand.
const CELL_ID = /^[a-zA-Z0-9-_]+$/;

type Json = Record<string, unknown>;

function isMultiline(value: unknown): boolean {
  return (
    typeof value === 'string' || (Array.isArray(value) && value.every((v) => typeof v === 'string'))
  );
}

function onlyKeys(where: string, value: Json, allowed: string[], errors: string[]) {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) errors.push(`${where}: unexpected property ${key}`);
  }
}

function requireKeys(where: string, value: Json, required: string[], errors: string[]) {
  for (const key of required) if (!(key in value)) errors.push(`${where}: missing ${key}`);
}

function checkOutput(where: string, output: Json, errors: string[]) {
  switch (output.output_type) {
    case 'stream':
      requireKeys(where, output, ['output_type', 'name', 'text'], errors);
      onlyKeys(where, output, ['output_type', 'name', 'text'], errors);
      if (output.name !== 'stdout' && output.name !== 'stderr')
        errors.push(`${where}: bad stream name`);
      if (!isMultiline(output.text)) errors.push(`${where}: text is not a multiline string`);
      break;
    case 'error':
      requireKeys(where, output, ['output_type', 'ename', 'evalue', 'traceback'], errors);
      onlyKeys(where, output, ['output_type', 'ename', 'evalue', 'traceback'], errors);
      if (typeof output.ename !== 'string' || typeof output.evalue !== 'string')
        errors.push(`${where}: ename and evalue must be strings`);
      if (!Array.isArray(output.traceback) || !output.traceback.every((l) => typeof l === 'string'))
        errors.push(`${where}: traceback must be a list of strings`);
      break;
    case 'execute_result':
    case 'display_data':
      requireKeys(where, output, ['output_type', 'data', 'metadata'], errors);
      break;
    default:
      errors.push(`${where}: unknown output_type ${String(output.output_type)}`);
  }
}

/** Every way the value breaks nbformat 4.5; an empty list means it is a valid notebook. */
export function notebookErrors(value: unknown): string[] {
  const errors: string[] = [];
  if (!value || typeof value !== 'object') return ['not an object'];
  const nb = value as Json;
  requireKeys('notebook', nb, ['metadata', 'nbformat_minor', 'nbformat', 'cells'], errors);
  onlyKeys('notebook', nb, ['metadata', 'nbformat_minor', 'nbformat', 'cells'], errors);
  if (nb.nbformat !== 4) errors.push('nbformat must be 4');
  if (typeof nb.nbformat_minor !== 'number' || nb.nbformat_minor < 5)
    errors.push('nbformat_minor must be 5 or more for cell ids');
  const metadata = (nb.metadata ?? {}) as Json;
  const kernelspec = metadata.kernelspec as Json | undefined;
  if (kernelspec) requireKeys('kernelspec', kernelspec, ['name', 'display_name'], errors);
  const languageInfo = metadata.language_info as Json | undefined;
  if (languageInfo) requireKeys('language_info', languageInfo, ['name'], errors);
  if (!Array.isArray(nb.cells)) return [...errors, 'cells must be a list'];
  const ids = new Set<string>();
  nb.cells.forEach((raw: unknown, index) => {
    const cell = raw as Json;
    const where = `cell ${index + 1}`;
    if (typeof cell.id !== 'string' || !CELL_ID.test(cell.id) || cell.id.length > 64)
      errors.push(`${where}: bad id`);
    else if (ids.has(cell.id)) errors.push(`${where}: duplicate id ${cell.id}`);
    else ids.add(cell.id);
    if (!isMultiline(cell.source)) errors.push(`${where}: source is not a multiline string`);
    if (typeof cell.metadata !== 'object' || cell.metadata === null)
      errors.push(`${where}: metadata`);
    if (cell.cell_type === 'markdown') {
      requireKeys(where, cell, ['id', 'cell_type', 'metadata', 'source'], errors);
      onlyKeys(where, cell, ['id', 'cell_type', 'metadata', 'source', 'attachments'], errors);
    } else if (cell.cell_type === 'code') {
      const keys = ['id', 'cell_type', 'metadata', 'source', 'outputs', 'execution_count'];
      requireKeys(where, cell, keys, errors);
      onlyKeys(where, cell, keys, errors);
      const count = cell.execution_count;
      if (count !== null && !(Number.isInteger(count) && (count as number) >= 0))
        errors.push(`${where}: execution_count must be null or a non-negative integer`);
      if (!Array.isArray(cell.outputs)) errors.push(`${where}: outputs must be a list`);
      else
        cell.outputs.forEach((o, i) => checkOutput(`${where} output ${i + 1}`, o as Json, errors));
    } else if (cell.cell_type !== 'raw') {
      errors.push(`${where}: unknown cell_type ${String(cell.cell_type)}`);
    }
  });
  return errors;
}
