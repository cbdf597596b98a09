package io.healthservice.checks;

import io.vertx.core.Future;

import java.time.Instant;
import java.util.Optional;

/**
 * One dependency, reduced to "ping it and tell me how it went". A check knows nothing of HTTP,
 * schedules, caching or other checks: the monitor owns those.
 */
public interface DependencyCheck {

  /** The check's name in responses, logs and metrics: {@code database}, {@code redis}, an LLM endpoint's name. */
  String name();

  /** What is probed, with credentials masked, for log lines. */
  String target();

  /**
   * What kind of component this is in {@code application/health+json} answers: {@code datastore}, {@code system},
   * {@code component} (the default) or a URI, as draft-inadarei-api-health-check defines them.
   */
  default String componentType() {
    return "component";
  }

  /** Succeeds when the dependency is healthy; fails (preferably with a {@link CheckFailure}) otherwise. */
  Future<Void> ping();

  /**
   * Called when a ping outlived its timeout: drop the client's connections so that I/O to a hung server
   * does not pile up. The next ping reconnects.
   */
  Future<Void> reset();

  /**
   * The earliest {@code notAfter} of the certificate chain the dependency presented at its latest TLS
   * handshake; empty without TLS or before the first handshake.
   */
  default Optional<Instant> certificateExpiry() {
    return Optional.empty();
  }

  /** Releases the client for good at shutdown. */
  Future<Void> close();
}
