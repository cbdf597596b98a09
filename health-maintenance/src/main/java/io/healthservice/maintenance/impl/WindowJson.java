package io.healthservice.maintenance.impl;

import io.healthservice.maintenance.ActiveWindow;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/** Windows as JSON; the reason only for callers granted details. */
public final class WindowJson {

  private WindowJson() {
  }

  public static JsonObject render(ActiveWindow w, boolean withReason) {
    JsonObject json = new JsonObject().put("id", w.id()).put("name", w.name())
      .put("checks", w.checks().isEmpty() ? "all" : new JsonArray(w.checks()))
      .put("start", w.start().toString()).put("end", w.end().toString())
      .put("source", w.adHoc() ? "ad-hoc" : "config");
    if (withReason) {
      w.reason().ifPresent(r -> json.put("reason", r));
    }
    return json;
  }

  public static JsonObject list(List<ActiveWindow> active, List<ActiveWindow> upcoming, boolean withReasons) {
    JsonArray open = new JsonArray();
    active.forEach(w -> open.add(render(w, withReasons)));
    JsonArray next = new JsonArray();
    upcoming.forEach(w -> next.add(render(w, withReasons)));
    return new JsonObject().put("active", open).put("upcoming", next);
  }
}
