package io.healthservice.impl.http;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What a probe's query string asks for: {@code ?exclude=} and {@code ?verbose}. */
final class ProbeQuery {

  private ProbeQuery() {
  }

  /** No query parameters that change the body: the cached rendering applies. */
  static boolean plain(RoutingContext ctx) {
    String query = ctx.request().query();
    return query == null || query.isEmpty();
  }

  /** The checks and groups to leave out, from {@code ?exclude=a&exclude=b} or {@code ?exclude=a,b}. */
  static Set<String> excluded(RoutingContext ctx) {
    List<String> values = ctx.queryParam("exclude");
    if (values.isEmpty()) {
      return Set.of();
    }
    Set<String> names = new HashSet<>();
    for (String value : values) {
      for (String name : value.split(",")) {
        names.add(name.trim());
      }
    }
    return names;
  }

  /** {@code ?verbose} or {@code ?verbose=true}, but not {@code ?verbose=false} or {@code ?verbose=0}. */
  static boolean verbose(RoutingContext ctx) {
    MultiMap query = ctx.queryParams();
    if (!query.contains("verbose")) {
      return false;
    }
    String flag = query.get("verbose");
    return !("false".equalsIgnoreCase(flag) || "0".equals(flag));
  }
}
