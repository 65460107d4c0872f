import { describe, expect, it } from 'vitest';
import { MATHCODER_ADDED_TOKENS } from '../../formats/mathcoder';
import { addsSpacePrefix, SpacePrefixUndo } from './space-prefix';

const streamed = (chunks: readonly string[], before = '<|assistant|>') => {
  const undo = new SpacePrefixUndo(MATHCODER_ADDED_TOKENS, before);
  return chunks.map((c) => undo.push(c));
};

describe('SpacePrefixUndo', () => {
  it('drops the space llama.cpp writes after a special token, as the reference keeps its blocks', () => {
    // As llama.cpp streams `<|text|>`, `▁To`, `▁multiply`, `<|endofblock|>`.
    expect(streamed(['<|text|>', ' To', ' multiply', '<|endofblock|>']).join('')).toBe(
      '<|text|>To multiply<|endofblock|>',
    );
    expect(streamed(['<|text|> To multiply']).join('')).toBe('<|text|>To multiply');
    expect(streamed(['<|code|>', ' x', ' =']).join('')).toBe('<|code|>x =');
  });

  it('drops only one space, and only right after a special token', () => {
    expect(streamed(['<|text|>', ' ', ' To']).join('')).toBe('<|text|> To');
    expect(streamed(['<|text|>  To']).join('')).toBe('<|text|> To');
    expect(streamed(['<|text|>', 'To', ' go']).join('')).toBe('<|text|>To go');
    expect(streamed(['a <', '|text|>', ' b'], '').join('')).toBe('a <|text|>b');
  });

  it('treats a generation that starts after a special token in the prompt the same way', () => {
    expect(streamed([' Hello'], '<|user|><|assistant|>')).toEqual(['Hello']);
    expect(streamed([' Hello'], 'the problem\n')).toEqual([' Hello']);
  });

  it('leaves the text alone without special tokens (a vocabulary without the space prefix)', () => {
    const undo = new SpacePrefixUndo([], '<|assistant|>');
    expect(undo.push('<|text|> To')).toBe('<|text|> To');
  });
});

describe('addsSpacePrefix', () => {
  it('is what llama.cpp decides: on for SentencePiece vocabularies unless the GGUF turns it off', () => {
    const meta = (entries: Array<[string, string | boolean]>) => new Map(entries);
    expect(addsSpacePrefix(meta([['tokenizer.ggml.model', 'llama']]))).toBe(true);
    expect(
      addsSpacePrefix(
        meta([
          ['tokenizer.ggml.model', 'llama'],
          ['tokenizer.ggml.add_space_prefix', true],
        ]),
      ),
    ).toBe(true);
    expect(
      addsSpacePrefix(
        meta([
          ['tokenizer.ggml.model', 'llama'],
          ['tokenizer.ggml.add_space_prefix', false],
        ]),
      ),
    ).toBe(false);
    expect(addsSpacePrefix(meta([['tokenizer.ggml.model', 'gpt2']]))).toBe(false);
  });
});
