// The test model written to a temporary file, for unit tests that serve it: they must not depend on
// `npm run make:test-gguf` having run first.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildTestModel } from './tutor-test-model';

export interface TestModelFile {
  path: string;
  remove(): void;
}

export function writeTestModelFile(): TestModelFile {
  const dir = mkdtempSync(path.join(tmpdir(), 'tutor-test-model-'));
  const file = path.join(dir, 'tutor-test.gguf');
  writeFileSync(file, buildTestModel().bytes);
  return { path: file, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
