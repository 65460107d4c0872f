import { describe, expect, it } from 'vitest';
import { partsFromFirst, splitPartNames } from './gguf-split';

describe('splitPartNames', () => {
  it('names every part from the first, as llama-gguf-split writes them', () => {
    expect(splitPartNames('dir/m.Q4_K_M-00001-of-00003.gguf')).toEqual([
      'dir/m.Q4_K_M-00001-of-00003.gguf',
      'dir/m.Q4_K_M-00002-of-00003.gguf',
      'dir/m.Q4_K_M-00003-of-00003.gguf',
    ]);
  });

  it('gives null for a name that is not a first part, or a count no model has', () => {
    expect(splitPartNames('m.gguf')).toBeNull();
    expect(splitPartNames('m-00002-of-00003.gguf')).toBeNull();
    expect(splitPartNames('m-00001-of-00000.gguf')).toBeNull();
    expect(splitPartNames('m-00001-of-99999.gguf')).toBeNull();
  });

  it('keeps a single file as it is, with the size given for the first part only', () => {
    expect(partsFromFirst('m.gguf', 300)).toEqual([{ file: 'm.gguf', sizeBytes: 300 }]);
    expect(partsFromFirst('m-00001-of-00002.gguf', 300)).toEqual([
      { file: 'm-00001-of-00002.gguf', sizeBytes: 300 },
      { file: 'm-00002-of-00002.gguf' },
    ]);
  });
});
