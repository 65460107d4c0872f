// Writes the tiny test model (default public/test-models/tutor-test.gguf, git-ignored) that CI's real-engine tests run.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { buildTestModel } from './test-model/tutor-test-model';

const target = process.argv[2] ?? 'public/test-models/tutor-test.gguf';
const model = buildTestModel();
mkdirSync(dirname(target), { recursive: true });
writeFileSync(target, model.bytes);
console.log(
  `Wrote ${target}: ${(model.bytes.byteLength / 1e6).toFixed(2)} MB, ${model.tokens.length} tokens, embedding ${model.nEmbd}.`,
);
