// Writes the test models that CI's real-engine tests run (default: all three, into public/test-models/, git-ignored).
// Usage: make-test-gguf [path]  |  make-test-gguf --llama-vocab [path]  (the model on LLaMA-2's vocabulary only)
//        make-test-gguf --qwen [path]  (the Qwen2 model in Qwen2.5-Math's tool-integrated format only)
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { buildQwenTestModel } from './qwen-test-model';
import { buildTestModel, type TestVocabularyKind } from './tutor-test-model';

const TEST_MODEL_PATHS: Record<TestVocabularyKind | 'qwen', string> = {
  pieces: 'public/test-models/tutor-test.gguf',
  llama: 'public/test-models/tutor-test-llama-vocab.gguf',
  qwen: 'public/test-models/tutor-test-qwen.gguf',
};

function write(kind: TestVocabularyKind | 'qwen', target: string) {
  const model = kind === 'qwen' ? buildQwenTestModel() : buildTestModel({ vocabulary: kind });
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, model.bytes);
  console.log(
    `Wrote ${target}: ${(model.bytes.byteLength / 1e6).toFixed(2)} MB, ${model.tokens.length} tokens, embedding ${model.nEmbd}.`,
  );
}

const args = process.argv.slice(2);
const llamaAt = args.indexOf('--llama-vocab');
const qwenAt = args.indexOf('--qwen');
if (llamaAt !== -1) {
  write('llama', args[llamaAt + 1] ?? TEST_MODEL_PATHS.llama);
} else if (qwenAt !== -1) {
  write('qwen', args[qwenAt + 1] ?? TEST_MODEL_PATHS.qwen);
} else if (args[0] !== undefined) {
  write('pieces', args[0]);
} else {
  write('pieces', TEST_MODEL_PATHS.pieces);
  write('llama', TEST_MODEL_PATHS.llama);
  write('qwen', TEST_MODEL_PATHS.qwen);
}
