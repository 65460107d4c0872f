// Writes or checks entries of public/models/models.json from model folders (see public/models/README.md).
//   npm run models:json -- <folder> [--id ID] [--label TEXT] [--prompt-format mathcoder|qwen-tir]
//                          [--source-config config.json] [--list FILE] [--dry-run]
//   npm run models:json -- --check [--list FILE]
import {
  existsSync,
  openSync,
  readFileSync,
  readSync,
  closeSync,
  readdirSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import type { FormatId } from '../../src/engine/formats/prompt-format';
import { inspectModelFolder, type ModelFolder } from '../../src/engine/models/model-folder';
import {
  parseModelList,
  type ModelList,
  type ModelListEntry,
} from '../../src/engine/models/model-list';

export function diskFolder(dir: string): ModelFolder {
  const files: Array<{ path: string; bytes: number }> = [];
  const walk = (at: string) => {
    for (const name of readdirSync(at)) {
      const full = join(at, name);
      const stat = statSync(full);
      if (stat.isDirectory()) walk(full);
      else files.push({ path: relative(dir, full).split('\\').join('/'), bytes: stat.size });
    }
  };
  walk(dir);
  return {
    name: basename(resolve(dir)),
    files,
    readText: async (path) => readFileSync(join(dir, path), 'utf8'),
    readBytes: async (path, start, end) => {
      const fd = openSync(join(dir, path), 'r');
      try {
        const out = new Uint8Array(end - start);
        readSync(fd, out, 0, out.byteLength, start);
        return out;
      } finally {
        closeSync(fd);
      }
    },
  };
}

function readList(path: string): ModelList {
  if (!existsSync(path)) return { version: 1, models: [] };
  return JSON.parse(readFileSync(path, 'utf8')) as ModelList;
}

/** The list with `entry` in place of the entry with its id, or added at the end. */
export function upsert(list: ModelList, entry: ModelListEntry): ModelList {
  const clean = JSON.parse(JSON.stringify(entry)) as ModelListEntry;
  const at = list.models.findIndex((m) => m.id === entry.id);
  const previous = at >= 0 ? list.models[at] : undefined;
  // Keep what a person wrote that a folder cannot tell: label, family, VRAM.
  const merged = { ...previous, ...clean, label: clean.label ?? previous?.label };
  const models = [...list.models];
  if (at >= 0) models[at] = merged;
  else models.push(merged);
  return { ...list, models };
}

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

async function check(listPath: string, modelsDir: string): Promise<number> {
  const list = readList(listPath);
  const { models, problems } = parseModelList(list);
  for (const p of problems) console.error(`error: ${p}`);
  let failures = problems.length;
  for (const model of models) {
    const dir = join(modelsDir, model.id);
    if (!existsSync(dir)) {
      console.log(
        `${model.id}: listed; its folder ${dir} is not here (weights are not in the repository).`,
      );
      continue;
    }
    const folder = diskFolder(dir);
    const report = await inspectModelFolder(folder, {
      id: model.id,
      promptFormat: model.formatId,
    });
    for (const w of report.warnings) console.log(`${model.id}: warning: ${w}`);
    for (const e of report.errors) console.error(`${model.id}: error: ${e}`);
    failures += report.errors.length;
    const listed = list.models.find((m) => m.id === model.id)!;
    // A split GGUF listed by its first part: every part it names must be in the folder.
    const files =
      (model.source === 'site' ? model.ggufParts : undefined)?.map((p) => ({
        path: p.file,
        bytes: p.sizeBytes,
      })) ?? listed.files;
    for (const file of files) {
      const found = folder.files.find((f) => f.path === file.path);
      if (!found) {
        console.error(`${model.id}: error: ${file.path} is listed but not in the folder.`);
        failures++;
      } else if (file.bytes !== undefined && file.bytes !== found.bytes) {
        console.error(
          `${model.id}: error: ${file.path} is ${found.bytes} bytes, models.json says ${file.bytes}.`,
        );
        failures++;
      }
    }
    if (report.errors.length === 0) console.log(`${model.id}: ok.`);
  }
  return failures === 0 ? 0 : 1;
}

async function main(args: string[]): Promise<number> {
  const listPath = option(args, '--list') ?? 'public/models/models.json';
  if (args.includes('--check')) return check(listPath, join(listPath, '..'));
  const dir = args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
  if (!dir || !existsSync(dir)) {
    console.error(
      'Usage: npm run models:json -- <model folder> [--id ID] [--label TEXT] [--prompt-format mathcoder|qwen-tir] [--source-config config.json] [--list FILE] [--dry-run]\n       npm run models:json -- --check',
    );
    return 2;
  }
  const sourcePath = option(args, '--source-config');
  const report = await inspectModelFolder(diskFolder(dir), {
    id: option(args, '--id'),
    label: option(args, '--label'),
    promptFormat: option(args, '--prompt-format') as FormatId | undefined,
    sourceConfig: sourcePath
      ? (JSON.parse(readFileSync(sourcePath, 'utf8')) as Record<string, unknown>)
      : undefined,
  });
  for (const w of report.warnings) console.log(`warning: ${w}`);
  for (const e of report.errors) console.error(`error: ${e}`);
  if (!report.entry) return 1;
  const entry = report.entry;
  const expectedDir = resolve(join(listPath, '..', entry.id));
  if (resolve(dir) !== expectedDir) {
    console.log(
      `note: the app serves this model from ${relative(process.cwd(), expectedDir)}/; move or copy the folder there.`,
    );
  }
  if (args.includes('--dry-run')) {
    console.log(JSON.stringify(entry, null, 2));
    return 0;
  }
  const list = upsert(readList(listPath), entry);
  const { problems } = parseModelList(list);
  if (problems.length) {
    for (const p of problems) console.error(`error: ${p}`);
    return 1;
  }
  writeFileSync(listPath, `${JSON.stringify(list, null, 2)}\n`);
  const total = entry.files.reduce((n, f) => n + (f.bytes ?? 0), 0);
  console.log(
    `${listPath}: ${entry.id} (${entry.format}, ${entry.quantization}, ${entry.files.length} files, ${(total / 1e6).toFixed(1)} MB).`,
  );
  return 0;
}

if (process.argv[1] && import.meta.url.endsWith(basename(process.argv[1]))) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
