import { MarkdownFenceParser } from '../parsing/markdown-fence-parser';
import type { PromptFormat } from './prompt-format';

const IM_START = '<|im_start|>';
const IM_END = '<|im_end|>';
const END_OF_TEXT = '<|endoftext|>';
const OUTPUT_FENCE = '```output';

const STOP = [OUTPUT_FENCE, IM_END, END_OF_TEXT] as const;

export const QWEN_TIR_SYSTEM_PROMPT =
  'Please integrate natural language reasoning with programs to solve the problem above, and put your final answer within \\boxed{}.';

/** Qwen2.5-Math's tool-integrated format (QwenLM/Qwen2.5-Math `evaluation/math_eval.py`, prompt type tool-integrated). */
export const qwenTirFormat: PromptFormat = {
  id: 'qwen-tir',
  label: 'Qwen2.5-Math tool-integrated (Markdown)',
  systemPrompt: QWEN_TIR_SYSTEM_PROMPT,
  stop: STOP,
  endOfMessage: IM_END,
  blocksPerGeneration: 2,
  bareAnswerBlock: false,
  buildPrompt: (problem) =>
    `${IM_START}system\n${QWEN_TIR_SYSTEM_PROMPT}${IM_END}\n${IM_START}user\n${problem.trim()}${IM_END}\n${IM_START}assistant\n`,
  createParser: () =>
    new MarkdownFenceParser(
      {
        codeLanguages: ['python', 'py', 'python3'],
        ignoredLanguages: ['output'],
        endOfMessage: [IM_END, END_OF_TEXT],
        newTurn: [IM_START],
      },
      STOP,
    ),
  // Like the reference, a stop only runs code when the generation ended right after a code block.
  stopMeaning: (stop, state) => {
    if (stop !== null && stop !== OUTPUT_FENCE) return 'end';
    const codePending =
      state.openKind === 'code' || (state.openKind === null && state.lastClosedKind === 'code');
    return codePending ? 'block' : 'end';
  },
  continuation: (generated) => generated.trimEnd(),
  codeToRun: (code) => code,
  renderExecution: (output) => `\n${OUTPUT_FENCE}\n${output}\n\`\`\`\n`,
  renderModelBlock: (kind, text) =>
    kind === 'code' ? `\`\`\`python\n${text}\n\`\`\`\n${OUTPUT_FENCE}` : `${text}\n\n`,
};
