package io.healthservice.http;

import io.healthservice.http.impl.ModelList;

/**
 * Presets for LLM APIs: each probes an endpoint that lists models, which costs no tokens. The model list
 * shapes (OpenAI's {@code data[].id}, Gemini's and Ollama's {@code models[].name}, Together's bare array)
 * are all understood by {@link ModelList}.
 */
public enum LlmProvider {
  /** {@code GET {base}/v1/models} with {@code Authorization: Bearer <key>}. */
  OPENAI,
  /** {@code GET {base}/v1/models} with {@code x-api-key} and {@code anthropic-version}. */
  ANTHROPIC,
  /** {@code GET {base}/openai/models?api-version=...} with {@code api-key}. */
  AZURE_OPENAI,
  /** {@code GET {base}/v1beta/models?pageSize=1000} with {@code x-goog-api-key} (never in the URL). */
  GEMINI,
  /** {@code GET https://api.mistral.ai/v1/models}, bearer key. */
  MISTRAL,
  /** {@code GET https://api.groq.com/openai/v1/models}, bearer key. */
  GROQ,
  /** {@code GET https://api.together.xyz/v1/models}, bearer key; answers a bare JSON array. */
  TOGETHER,
  /** {@code GET https://openrouter.ai/api/v1/models}, bearer key. */
  OPENROUTER,
  /** {@code GET {base}/api/tags} of a local Ollama, no key. */
  OLLAMA,
  /** Self-hosted servers speaking OpenAI's API (vLLM, LM Studio, llama.cpp): {@code GET {base}/v1/models}, key optional. */
  OPENAI_COMPATIBLE,
  /** Any URL, with the headers given in the config. */
  GENERIC
}
