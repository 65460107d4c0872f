import { MarkdownFenceParser } from '../parsing/markdown-fence-parser';
import type { PromptFormat } from './prompt-format';

const IM_START = '<|im_start|>';
const IM_END = '<|im_end|>';
const END_OF_TEXT = '<|endoftext|>';
const OUTPUT_FENCE = '```output';
/** The reference also stops a tool-integrated generation at a Markdown rule. */
const RULE = '\n\n---';

const STOP = [OUTPUT_FENCE, RULE, IM_END, END_OF_TEXT] as const;

/** The reference's tool calls per problem and tokens per call (`math_eval.py`: max_func_call, max_tokens_per_call). */
const MAX_CALLS = 4;
const MAX_TOKENS_PER_CALL = 2048;

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
  maxTokensPerCall: MAX_TOKENS_PER_CALL,
  maxCalls: MAX_CALLS,
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
    if (stop !== null && stop !== OUTPUT_FENCE && stop !== RULE) return 'end';
    const codePending =
      state.openKind === 'code' || (state.openKind === null && state.lastClosedKind === 'code');
    return codePending ? 'block' : 'end';
  },
  continuation: (generated) => generated.trimEnd(),
  codeToRun: (code) => code,
  // The reference's executor gives the model what the program printed, or on an error only the traceback's last line.
  executionText: (cell) => {
    if (cell.timedOut) return 'Timeout Error';
    if (!cell.error) return cell.stream ?? cell.text;
    const lines = cell.text.trimEnd().split('\n');
    return lines.at(-1) ?? '';
  },
  renderExecution: (output) => `\n${OUTPUT_FENCE}\n${output}\n\`\`\`\n`,
  renderModelBlock: (kind, text) =>
    kind === 'code' ? `\`\`\`python\n${text}\n\`\`\`\n${OUTPUT_FENCE}` : `${text}\n\n`,
};
