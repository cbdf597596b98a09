package io.healthservice.support;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The rules of draft-inadarei-api-health-check (06), as a checker independent of the renderer: field types,
 * status words, the status-to-HTTP-code mapping, the {@code component:measurement} key format, arrays where the
 * draft says arrays, {@code output} never on pass. Returns every violation, so a failure says all that is wrong.
 */
public final class HealthDraftFormat {

  private static final Set<String> STATUSES = Set.of("pass", "warn", "fail");
  private static final Set<String> STRING_FIELDS = Set.of("version", "releaseId", "serviceId", "description", "output");
  private static final Set<String> TOP_LEVEL = Set.of("status", "version", "releaseId", "notes", "output", "checks",
    "links", "serviceId", "description");
  private static final Set<String> CHECK_FIELDS = Set.of("componentId", "componentType", "observedValue", "observedUnit",
    "status", "affectedEndpoints", "time", "output", "links");
  private static final Set<String> COMPONENT_TYPES = Set.of("component", "datastore", "system");

  private HealthDraftFormat() {
  }

  public static List<String> violations(int httpStatus, JsonObject body) {
    List<String> errors = new ArrayList<>();
    Object status = body.getValue("status");
    if (!(status instanceof String s) || !STATUSES.contains(s)) {
      errors.add("status must be pass, warn or fail: " + status);
    } else if (s.equals("fail") ? httpStatus < 400 || httpStatus > 599 : httpStatus < 200 || httpStatus > 399) {
      errors.add("status " + s + " answered with HTTP " + httpStatus);
    }
    for (String field : body.fieldNames()) {
      if (!TOP_LEVEL.contains(field)) {
        errors.add("unknown top-level field " + field);
      }
    }
    for (String field : STRING_FIELDS) {
      if (body.containsKey(field) && !(body.getValue(field) instanceof String)) {
        errors.add(field + " must be a string");
      }
    }
    if ("pass".equals(status) && body.containsKey("output")) {
      errors.add("output must be omitted on pass");
    }
    if (body.containsKey("notes")) {
      strings(body.getValue("notes"), "notes", errors);
    }
    Object checks = body.getValue("checks");
    if (checks != null && !(checks instanceof JsonObject)) {
      errors.add("checks must be an object");
    } else if (checks != null) {
      for (String key : ((JsonObject) checks).fieldNames()) {
        checkEntry(key, ((JsonObject) checks).getValue(key), errors);
      }
    }
    return errors;
  }

  private static void checkEntry(String key, Object value, List<String> errors) {
    if (!key.matches("[^:]+(:[^:]+)?")) {
      errors.add("check key must be component:measurement: " + key);
    }
    if (!(value instanceof JsonArray array)) {
      errors.add(key + " must be an array");
      return;
    }
    for (Object element : array) {
      if (!(element instanceof JsonObject check)) {
        errors.add(key + " must hold objects");
        continue;
      }
      for (String field : check.fieldNames()) {
        if (!CHECK_FIELDS.contains(field)) {
          errors.add(key + ": unknown field " + field);
        }
      }
      Object status = check.getValue("status");
      if (status != null && !STATUSES.contains(status)) {
        errors.add(key + ": status must be pass, warn or fail: " + status);
      }
      if ("pass".equals(status) && check.containsKey("output")) {
        errors.add(key + ": output must be omitted on pass");
      }
      for (String field : List.of("componentId", "componentType", "observedUnit", "output", "time")) {
        if (check.containsKey(field) && !(check.getValue(field) instanceof String)) {
          errors.add(key + ": " + field + " must be a string");
        }
      }
      String type = check.getString("componentType");
      if (type != null && !COMPONENT_TYPES.contains(type) && !isAbsoluteUri(type)) {
        errors.add(key + ": componentType must be component, datastore, system or a URI: " + type);
      }
      if (check.getValue("time") instanceof String time) {
        try {
          OffsetDateTime.parse(time);
        } catch (RuntimeException e) {
          errors.add(key + ": time must be ISO 8601: " + time);
        }
      }
      if (check.containsKey("affectedEndpoints")) {
        strings(check.getValue("affectedEndpoints"), key + ": affectedEndpoints", errors);
      }
    }
  }

  private static void strings(Object value, String field, List<String> errors) {
    if (!(value instanceof JsonArray array) || array.stream().anyMatch(v -> !(v instanceof String))) {
      errors.add(field + " must be an array of strings");
    }
  }

  private static boolean isAbsoluteUri(String text) {
    try {
      return URI.create(text).isAbsolute();
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
