import { mathcoderFormat } from './mathcoder';
import type { FormatId, PromptFormat } from './prompt-format';
import { qwenTirFormat } from './qwen-tir';

const FORMATS: Record<FormatId, PromptFormat> = {
  mathcoder: mathcoderFormat,
  'qwen-tir': qwenTirFormat,
};

export function getFormat(id: FormatId): PromptFormat {
  return FORMATS[id];
}
