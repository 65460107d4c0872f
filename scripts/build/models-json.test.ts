import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildTestModel } from '../test-model/tutor-test-model';
import { upsert } from './models-json';

function run(args: string[]): { code: number; out: string } {
  try {
    const out = execFileSync('npx', ['tsx', 'scripts/build/models-json.ts', ...args], {
      encoding: 'utf8',
      stdio: 'pipe',
    });
    return { code: 0, out };
  } catch (error) {
    const e = error as { status: number; stdout: string; stderr: string };
    return { code: e.status, out: e.stdout + e.stderr };
  }
}

describe('models-json script', () => {
  it('writes an entry for a GGUF folder into a models.json, then checks it against the folder', () => {
    const root = mkdtempSync(join(tmpdir(), 'models-json-'));
    const dir = join(root, 'Test-GGUF');
    mkdirSync(dir);
    const model = buildTestModel();
    writeFileSync(join(dir, 'tutor-test.gguf'), model.bytes);
    const list = join(root, 'models.json');
    writeFileSync(list, JSON.stringify({ version: 1, models: [] }));

    const wrote = run([dir, '--label', 'Test model', '--list', list]);
    expect(wrote.code, wrote.out).toBe(0);
    const written = JSON.parse(readFileSync(list, 'utf8')) as {
      models: Array<Record<string, unknown>>;
    };
    expect(written.models).toEqual([
      expect.objectContaining({
        id: 'Test-GGUF',
        label: 'Test model',
        format: 'gguf',
        files: [{ path: 'tutor-test.gguf', bytes: model.bytes.byteLength }],
      }),
    ]);
    expect(run(['--check', '--list', list])).toMatchObject({ code: 0 });

    // A part that changed size after listing is caught.
    writeFileSync(join(dir, 'tutor-test.gguf'), Buffer.concat([model.bytes, new Uint8Array(10)]));
    const failed = run(['--check', '--list', list]);
    expect(failed.code).toBe(1);
    expect(failed.out).toContain(
      `tutor-test.gguf is ${model.bytes.byteLength + 10} bytes, models.json says ${model.bytes.byteLength}.`,
    );
  }, 60_000);

  it('checks every part of a split GGUF listed by its first part', () => {
    const root = mkdtempSync(join(tmpdir(), 'models-json-'));
    mkdirSync(join(root, 'Split-GGUF'));
    writeFileSync(join(root, 'Split-GGUF', 'm-00001-of-00002.gguf'), buildTestModel().bytes);
    const list = join(root, 'models.json');
    const entry = { id: 'Split-GGUF', format: 'gguf', quantization: 'F32' };
    const files = [{ path: 'm-00001-of-00002.gguf' }];
    writeFileSync(list, JSON.stringify({ version: 1, models: [{ ...entry, files }] }));
    const checked = run(['--check', '--list', list]);
    expect(checked.code).toBe(1);
    expect(checked.out).toContain('m-00002-of-00002.gguf is listed but not in the folder.');
  }, 60_000);

  it('keeps the label a person wrote when an entry is rewritten', () => {
    const list = {
      version: 1 as const,
      models: [
        { id: 'a', label: 'Mine', format: 'gguf' as const, quantization: 'Q4_K_M', files: [] },
      ],
    };
    const next = upsert(list, {
      id: 'a',
      format: 'gguf',
      quantization: 'Q8_0',
      files: [{ path: 'a.gguf', bytes: 1 }],
    });
    expect(next.models).toEqual([
      {
        id: 'a',
        label: 'Mine',
        format: 'gguf',
        quantization: 'Q8_0',
        files: [{ path: 'a.gguf', bytes: 1 }],
      },
    ]);
  });
});
