import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileIn } from './static-files.ts';

describe('fileIn', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'static-files-'));
  mkdirSync(path.join(root, 'sub'));
  writeFileSync(path.join(root, 'a b.txt'), 'a');
  writeFileSync(path.join(root, 'sub', 'index.html'), '<p>');

  it('maps an escaped path to its file and a folder to its index.html', () => {
    expect(fileIn(root, '/a%20b.txt')).toBe(path.join(root, 'a b.txt'));
    expect(fileIn(root, '/sub/')).toBe(path.join(root, 'sub', 'index.html'));
  });

  it('answers a malformed escape with no file instead of throwing', () => {
    expect(() => fileIn(root, '/%E0')).not.toThrow();
    expect(fileIn(root, '/%E0')).toBeNull();
  });

  it('never leaves the folder', () => {
    expect(fileIn(root, '/%2e%2e/%2e%2e/etc/passwd')).toBeNull();
  });
});
