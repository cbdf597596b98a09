package io.healthservice.http.impl;

import io.healthservice.CheckFailure;
import io.healthservice.FailureKind;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a provider's model list and finds the configured models it lacks. Understands the shapes the
 * presets answer with: {@code {"data":[{"id":...}]}} (OpenAI, Anthropic, Azure, Mistral, Groq, OpenRouter,
 * OpenAI-compatible servers), {@code {"models":[{"name":"models/gemini-..."}]}} (Gemini),
 * {@code {"models":[{"name":"llama3:latest","model":...}]}} (Ollama) and a bare array (Together).
 */
public final class ModelList {

  private ModelList() {
  }

  /** The configured models missing from {@code body}, in configured order; fails on a body that is no model list. */
  public static List<String> missing(List<String> configured, Buffer body) {
    Set<String> offered = offered(body);
    List<String> missing = new ArrayList<>();
    for (String model : configured) {
      if (!offered.contains(model)) {
        missing.add(model);
      }
    }
    return missing;
  }

  static Set<String> offered(Buffer body) {
    Object parsed;
    try {
      String text = body.toString(java.nio.charset.StandardCharsets.UTF_8).strip();
      parsed = text.startsWith("{") ? new JsonObject(text) : text.startsWith("[") ? new JsonArray(text) : null;
    } catch (DecodeException e) {
      parsed = null;
    }
    if (parsed == null) {
      throw new CheckFailure(FailureKind.ERROR, "model list is not JSON");
    }
    JsonArray entries = null;
    if (parsed instanceof JsonArray array) {
      entries = array;
    } else if (parsed instanceof JsonObject object) {
      entries = object.getValue("data") instanceof JsonArray data ? data
        : object.getValue("models") instanceof JsonArray models ? models : null;
    }
    if (entries == null) {
      throw new CheckFailure(FailureKind.ERROR, "model list has no data or models array");
    }
    Set<String> offered = new HashSet<>();
    for (Object entry : entries) {
      if (entry instanceof JsonObject model) {
        for (String field : new String[] {"id", "name", "model"}) {
          if (model.getValue(field) instanceof String id) {
            addWithAliases(offered, id);
          }
        }
      } else if (entry instanceof String id) {
        addWithAliases(offered, id);
      }
    }
    return offered;
  }

  /** Gemini names models "models/x" but is called with "x"; Ollama's "x" means "x:latest". */
  private static void addWithAliases(Set<String> offered, String id) {
    offered.add(id);
    if (id.startsWith("models/")) {
      offered.add(id.substring("models/".length()));
    }
    if (id.endsWith(":latest")) {
      offered.add(id.substring(0, id.length() - ":latest".length()));
    }
  }
}
