import { SpecialTokenParser } from '../parsing/special-token-parser';
import type { PromptFormat } from './prompt-format';
import { roundLongDecimals } from './round-decimals';

const T = {
  bos: '<s>',
  eos: '</s>',
  system: '<|system|>',
  user: '<|user|>',
  assistant: '<|assistant|>',
  endOfMessage: '<|endofmessage|>',
  text: '<|text|>',
  code: '<|code|>',
  execution: '<|execution|>',
  endOfBlock: '<|endofblock|>',
} as const;

/** The tokens MathCoder adds to its base vocabulary, in vocabulary order (ids 32000 onwards). */
export const MATHCODER_ADDED_TOKENS = [
  T.system,
  T.user,
  T.assistant,
  T.endOfMessage,
  T.text,
  T.code,
  T.execution,
  T.endOfBlock,
] as const;

const STOP = [T.endOfBlock, T.endOfMessage, T.eos] as const;

/** The system prompt behind the paper's numbers. */
export const MATHCODER_SYSTEM_PROMPT = 'Below is a math problem. Please solve it step by step.';

/** MathCoder's special-token format (mathllm/MathCoder `src/inference.py`). */
export const mathcoderFormat: PromptFormat = {
  id: 'mathcoder',
  label: 'MathCoder (special tokens)',
  systemPrompt: MATHCODER_SYSTEM_PROMPT,
  stop: STOP,
  endOfMessage: T.endOfMessage,
  blocksPerGeneration: 1,
  bareAnswerBlock: true,
  // The prompt of the recorded runs behind the paper's numbers: BOS, the system prompt, the question as given and no
  // newline after it (the released script appends one, but with an empty system prompt).
  buildPrompt: (problem) =>
    `${T.bos}${T.system}${T.text}${MATHCODER_SYSTEM_PROMPT}${T.endOfBlock}${T.endOfMessage}` +
    `${T.user}${T.text}${problem}${T.endOfBlock}${T.endOfMessage}${T.assistant}`,
  createParser: () =>
    new SpecialTokenParser(
      {
        opens: { [T.text]: 'text', [T.code]: 'code' },
        ignored: [T.execution],
        endOfBlock: [T.endOfBlock],
        endOfMessage: [T.endOfMessage, T.eos],
        newTurn: [T.system, T.user, T.assistant],
        silent: [T.bos],
      },
      STOP,
    ),
  stopMeaning: (stop, state) => {
    if (stop !== null) return stop === T.endOfBlock ? 'block' : 'end';
    return state.openKind !== null ? 'block' : 'end';
  },
  continuation: (generated) => `${roundLongDecimals(generated)}${T.endOfBlock}`,
  codeToRun: (code) => roundLongDecimals(code),
  renderExecution: (output) =>
    `${T.execution}${output === '' ? '<empty_execution>' : output}${T.endOfBlock}`,
  renderModelBlock: (kind, text) => `${kind === 'code' ? T.code : T.text}${text}${T.endOfBlock}`,
};
