// Writes the test models that CI's real-engine tests run (default: both, into public/test-models/, git-ignored).
// Usage: make-test-gguf [path]  |  make-test-gguf --llama-vocab [path]  (the model on LLaMA-2's vocabulary only)
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { buildTestModel, type TestVocabularyKind } from './tutor-test-model';

const TEST_MODEL_PATHS: Record<TestVocabularyKind, string> = {
  pieces: 'public/test-models/tutor-test.gguf',
  llama: 'public/test-models/tutor-test-llama-vocab.gguf',
};

function write(vocabulary: TestVocabularyKind, target: string) {
  const model = buildTestModel({ vocabulary });
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, model.bytes);
  console.log(
    `Wrote ${target}: ${(model.bytes.byteLength / 1e6).toFixed(2)} MB, ${model.tokens.length} tokens, embedding ${model.nEmbd}.`,
  );
}

const args = process.argv.slice(2);
const llamaAt = args.indexOf('--llama-vocab');
if (llamaAt !== -1) {
  write('llama', args[llamaAt + 1] ?? TEST_MODEL_PATHS.llama);
} else if (args[0] !== undefined) {
  write('pieces', args[0]);
} else {
  write('pieces', TEST_MODEL_PATHS.pieces);
  write('llama', TEST_MODEL_PATHS.llama);
}
