package io.healthservice;

import io.vertx.core.Future;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * One dependency, reduced to "ping it and tell me how it went". A check knows nothing of HTTP,
 * schedules, caching or other checks: the monitor owns those, and its timer is the one timeout.
 *
 * <p>A custom check is one line: {@code DependencyCheck.of("search", () -> client.ping())}. When its future
 * fails with an exception of its own ({@code Future.failedFuture("no rooms")}), that message is the reason
 * shown (one line, at most 200 characters); errors of known types (a refused connection, a timeout) are
 * named by their type instead, since a client's message may hold hosts or credentials.
 */
public interface DependencyCheck {

  /** A check named {@code name} whose run is {@code ping}: a future that succeeds when the dependency is healthy. */
  static DependencyCheck of(String name, Supplier<? extends Future<?>> ping) {
    return new SimpleCheck(name, "component", ping);
  }

  /** As {@link #of(String, Supplier)}, with its health+json {@code componentType} (e.g. {@code datastore}). */
  static DependencyCheck of(String name, String componentType, Supplier<? extends Future<?>> ping) {
    return new SimpleCheck(name, Objects.requireNonNull(componentType, "componentType"), ping);
  }

  /** The check's name in responses, logs and metrics: {@code database}, {@code orders-db}, an LLM endpoint's name. */
  String name();

  /** What is probed, with credentials masked, for log lines; by default the name. */
  default String target() {
    return name();
  }

  /**
   * What kind of component this is in {@code application/health+json} answers: {@code datastore}, {@code system},
   * {@code component} (the default) or a URI, as draft-inadarei-api-health-check defines them.
   */
  default String componentType() {
    return "component";
  }

  /**
   * One run: succeeds when the dependency is healthy; fails (preferably with a {@link CheckFailure})
   * otherwise. The run is abandoned once {@code context}'s budget is spent, whatever it is doing. What the run
   * learns besides (a warning, the peer's certificate, the server it used) it reports through {@code context};
   * {@link CheckContext#ended()} says how the monitor decided it. A check that holds a client extends
   * {@link ClientCheck}.
   */
  Future<Void> ping(CheckContext context);

  /** Releases the client for good at shutdown. By default nothing to release. */
  default Future<Void> close() {
    return Future.succeededFuture();
  }
}
