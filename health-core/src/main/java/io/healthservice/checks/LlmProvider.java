package io.healthservice.checks;

/** Presets for LLM APIs: each probes an endpoint that lists models, which costs no tokens. */
public enum LlmProvider {
  /** {@code GET {base}/v1/models} with {@code Authorization: Bearer <key>}; also OpenAI-compatible servers. */
  OPENAI,
  /** {@code GET {base}/v1/models} with {@code x-api-key} and {@code anthropic-version}. */
  ANTHROPIC,
  /** Any URL, with the headers given in the config. */
  GENERIC
}
