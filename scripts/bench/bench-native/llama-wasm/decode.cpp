// One timed generation through llama.cpp's C API, built for WebAssembly by `bench:native --llama-builds`. Prefill is
// the time to the first token (prompt read, one token sampled), decode the tokens after it: the same split as
// bench:native's other engines. Prints one JSON object.
// Usage: decode MODEL PROMPT_FILE TOKENS THREADS CONTEXT CACHE_TYPE (f16 | q8_0 | q4_0)
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "llama.h"

static double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

static ggml_type cache_type(const char * name) {
    if (std::strcmp(name, "q8_0") == 0) return GGML_TYPE_Q8_0;
    if (std::strcmp(name, "q4_0") == 0) return GGML_TYPE_Q4_0;
    return GGML_TYPE_F16;
}

static void quiet_log(ggml_log_level level, const char * text, void *) {
    if (level == GGML_LOG_LEVEL_ERROR) std::fputs(text, stderr);
}

int main(int argc, char ** argv) {
    if (argc != 7) {
        std::fprintf(stderr, "usage: %s MODEL PROMPT_FILE TOKENS THREADS CONTEXT CACHE_TYPE\n", argv[0]);
        return 2;
    }
    const int max_tokens = std::atoi(argv[3]);
    const int threads = std::atoi(argv[4]);
    std::ifstream prompt_file(argv[2]);
    std::stringstream prompt;
    prompt << prompt_file.rdbuf();

    llama_log_set(quiet_log, nullptr);
    llama_backend_init();

    llama_model_params model_params = llama_model_default_params();
    model_params.load_mode = LLAMA_LOAD_MODE_NONE; // WebAssembly has no mmap: the tab reads weights into its heap
    const auto load_start = std::chrono::steady_clock::now();
    llama_model * model = llama_model_load_from_file(argv[1], model_params);
    if (!model) {
        std::fprintf(stderr, "could not load %s\n", argv[1]);
        return 1;
    }
    const double load_seconds = seconds_since(load_start);

    llama_context_params context_params = llama_context_default_params();
    context_params.n_ctx = std::atoi(argv[5]);
    context_params.n_batch = 512;
    context_params.n_ubatch = 512;
    context_params.n_threads = threads;
    context_params.n_threads_batch = threads;
    context_params.type_k = cache_type(argv[6]);
    context_params.type_v = cache_type(argv[6]);
    // Quantized caches need flash attention in llama.cpp; with f16 it is left to llama.cpp, as the app does.
    context_params.flash_attn_type = context_params.type_k == GGML_TYPE_F16 ? LLAMA_FLASH_ATTN_TYPE_AUTO
                                                                             : LLAMA_FLASH_ATTN_TYPE_ENABLED;
    llama_context * context = llama_init_from_model(model, context_params);
    if (!context) {
        std::fprintf(stderr, "could not create a context\n");
        return 1;
    }

    const llama_vocab * vocab = llama_model_get_vocab(model);
    const std::string text = prompt.str();
    std::vector<llama_token> tokens(text.size() + 8);
    const int n_prompt = llama_tokenize(vocab, text.c_str(), (int32_t) text.size(), tokens.data(),
                                        (int32_t) tokens.size(), true, true);
    if (n_prompt <= 0) {
        std::fprintf(stderr, "could not tokenize the prompt\n");
        return 1;
    }
    tokens.resize(n_prompt);

    llama_sampler * sampler = llama_sampler_init_greedy();
    const auto started = std::chrono::steady_clock::now();
    if (llama_decode(context, llama_batch_get_one(tokens.data(), n_prompt)) != 0) return 1;
    llama_token next = llama_sampler_sample(sampler, context, -1);
    const double prefill_seconds = seconds_since(started);

    const auto decode_start = std::chrono::steady_clock::now();
    int generated = 1;
    while (generated < max_tokens) {
        if (llama_decode(context, llama_batch_get_one(&next, 1)) != 0) return 1;
        next = llama_sampler_sample(sampler, context, -1);
        ++generated;
    }
    const double decode_seconds = seconds_since(decode_start);

    std::printf("{\"load_s\":%.3f,\"prompt_tokens\":%d,\"prefill_tok_s\":%.4f,\"completion_tokens\":%d,"
                "\"decode_tok_s\":%.4f}\n",
                load_seconds, n_prompt, n_prompt / prefill_seconds, generated,
                generated > 1 ? (generated - 1) / decode_seconds : 0.0);

    llama_sampler_free(sampler);
    llama_free(context);
    llama_model_free(model);
    llama_backend_free();
    return 0;
}
