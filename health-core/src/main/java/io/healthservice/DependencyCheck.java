package io.healthservice;

import io.vertx.core.Future;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One dependency, reduced to "ping it and tell me how it went". A check knows nothing of HTTP,
 * schedules, caching or other checks: the monitor owns those, and its timer is the one timeout.
 *
 * <p>A custom check is one line: {@code DependencyCheck.of("search", () -> client.ping())}.
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
   * otherwise. The run is abandoned once {@code context}'s budget is spent, whatever it is doing.
   */
  Future<Void> ping(CheckContext context);

  /**
   * Called when a run failed or outlived its budget: drop the client's connections so that I/O to a hung
   * server does not pile up. The next run reconnects. By default nothing to drop.
   */
  default Future<Void> reset() {
    return Future.succeededFuture();
  }

  /**
   * The earliest {@code notAfter} of the certificate chain the dependency presented at its latest TLS
   * handshake; empty without TLS or before the first handshake.
   */
  default Optional<Instant> certificateExpiry() {
    return Optional.empty();
  }

  /**
   * The server this check used in its latest run, for a check that picks one of several (a multi-host
   * Postgres URL: the host that matched {@code target_session_attrs}); shown with {@code ?verbose}.
   */
  default Optional<String> inUse() {
    return Optional.empty();
  }

  /** Releases the client for good at shutdown. By default nothing to release. */
  default Future<Void> close() {
    return Future.succeededFuture();
  }
}
