// bench:native --llama-builds: llama.cpp built for WebAssembly twice from one source, as wllama's build does it
// (emscripten, wasm32, -msimd128) but for the processor CMake is told: emscripten's default (x86), for which ggml finds
// no known architecture and compiles its generic kernels, and wasm32, for which it compiles its WebAssembly SIMD
// kernels (ggml-cpu/arch/wasm/quants.c). Each is linked with decode.cpp into a module a page can load, with threads
// (pthreads on shared memory, so the page must be cross-origin isolated) as the app's llama.cpp has them. The source is
// the llama.cpp release node-llama-cpp carries as a git bundle (bench:native's reference), so nothing is fetched.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { say } from '../../../lib/run-main.ts';
import { nativeFolder } from '../native-llama.ts';
import { MOST_THREADS } from '../../../../src/engine/backends/wllama/thread-count.ts';

export const LLAMA_BUILDS = {
  /** What an emscripten build gets unless told otherwise: CMAKE_SYSTEM_PROCESSOR=x86, ggml's generic loops. */
  generic: 'x86',
  /** The one CMake setting changed: ggml compiles its WebAssembly SIMD kernels. */
  simd: 'wasm32',
} as const;
export type LlamaBuild = keyof typeof LLAMA_BUILDS;
export const LLAMA_BUILD_NAMES = Object.keys(LLAMA_BUILDS) as LlamaBuild[];

const HERE = fileURLToPath(new URL('.', import.meta.url));
const LLAMA_OPTIONS = [
  '-DCMAKE_BUILD_TYPE=Release',
  '-DBUILD_SHARED_LIBS=OFF',
  '-DLLAMA_WASM_MEM64=OFF', // wasm32, as wllama's compat build; emscripten's clang 14 cannot select wasm64 SIMD
  '-DLLAMA_BUILD_HTML=OFF',
  '-DLLAMA_BUILD_TESTS=OFF',
  '-DLLAMA_BUILD_EXAMPLES=OFF',
  '-DLLAMA_BUILD_TOOLS=OFF',
  '-DLLAMA_BUILD_SERVER=OFF',
  '-DLLAMA_BUILD_COMMON=OFF',
  '-DLLAMA_CURL=OFF',
  '-DLLAMA_OPENSSL=OFF',
  '-DGGML_OPENMP=OFF',
  '-DGGML_NATIVE=OFF',
  '-DCMAKE_C_FLAGS=-pthread',
  '-DCMAKE_CXX_FLAGS=-pthread',
];
const LINK_OPTIONS = [
  '-O3',
  '-msimd128',
  '-std=c++17',
  '-pthread',
  // Workers started with the module, one per thread beside the page's own up to the app's most: ggml's threads are
  // created while the page waits, so none could be made then.
  `-sPTHREAD_POOL_SIZE=${MOST_THREADS - 1}`,
  '-sMODULARIZE=1',
  '-sEXPORT_NAME=createDecoder',
  '-sENVIRONMENT=web,worker',
  '-sINVOKE_RUN=0',
  '-sFORCE_FILESYSTEM=1',
  '-sEXPORTED_RUNTIME_METHODS=FS,callMain',
  '-sALLOW_MEMORY_GROWTH=1',
  '-sMAXIMUM_MEMORY=4GB',
  '-sINITIAL_MEMORY=64MB',
];

/** Debian's emscripten runs its JavaScript tools with the system node, whose modules live in /usr/share/nodejs. */
const toolEnv = { ...process.env, NODE_PATH: process.env.NODE_PATH ?? '/usr/share/nodejs' };
const run = (command: string, args: string[], cwd?: string) =>
  execFileSync(command, args, { cwd, env: toolEnv, stdio: ['ignore', 'ignore', 'inherit'] });

function requireEmscripten() {
  try {
    execFileSync('emcc', ['--version'], { env: toolEnv, stdio: 'ignore' });
  } catch {
    throw new Error(
      'emcc was not found: install emscripten (Debian: apt-get install emscripten cmake ninja-build)',
    );
  }
}

/** llama.cpp's sources from node-llama-cpp's bundle, cloned once into `out/llama.cpp`. */
function sources(out: string): string {
  const folder = join(out, 'llama.cpp');
  if (existsSync(join(folder, 'CMakeLists.txt'))) return folder;
  const bundle = join(nativeFolder(), 'node_modules/node-llama-cpp/llama/gitRelease.bundle');
  say(`Unpacking llama.cpp from ${bundle}…`);
  run('git', ['clone', '--quiet', bundle, folder]);
  return folder;
}

/** Builds (once) and returns the folder holding `decode.js`, `decode.worker.js` and `decode.wasm` for each variant. */
export function buildLlamaWasm(out: string): Record<LlamaBuild, string> {
  requireEmscripten();
  mkdirSync(out, { recursive: true });
  const source = sources(out);
  const built = {} as Record<LlamaBuild, string>;
  for (const [variant, processor] of Object.entries(LLAMA_BUILDS) as [LlamaBuild, string][]) {
    const folder = join(out, variant);
    built[variant] = folder;
    // A build without threads (no decode.worker.js) is built again.
    if (existsSync(join(folder, 'decode.worker.js'))) continue;
    const build = join(out, `build-${variant}`);
    say(`Building llama.cpp for WebAssembly, CMAKE_SYSTEM_PROCESSOR=${processor} (a few minutes)…`);
    run('emcmake', [
      'cmake',
      '-S',
      source,
      '-B',
      build,
      '-G',
      'Ninja',
      `-DEMSCRIPTEN_SYSTEM_PROCESSOR=${processor}`,
      ...LLAMA_OPTIONS,
    ]);
    run('ninja', ['-C', build, 'llama']);
    const libraries = [
      join(build, 'src/libllama.a'),
      ...['libggml.a', 'libggml-cpu.a', 'libggml-base.a'].map((l) => join(build, 'ggml/src', l)),
    ];
    mkdirSync(folder, { recursive: true });
    run('em++', [
      ...LINK_OPTIONS,
      '-I',
      join(source, 'include'),
      '-I',
      join(source, 'ggml/include'),
      join(HERE, 'decode.cpp'),
      ...libraries,
      '-o',
      join(folder, 'decode.js'),
    ]);
  }
  return built;
}
