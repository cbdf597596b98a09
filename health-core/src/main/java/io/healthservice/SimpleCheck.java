package io.healthservice;

import io.healthservice.impl.monitor.Failures;
import io.vertx.core.Future;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * {@link DependencyCheck#of}: a name and a function; nothing to drop or close. Its own failures keep their
 * message as the reason: it is the application's text, not a driver's.
 */
final class SimpleCheck implements DependencyCheck {

  /** An application's reason is cut to this many characters: a line on a status page, not a stack trace. */
  static final int MAX_REASON_CHARS = 200;

  private final String name;
  private final String componentType;
  private final Supplier<? extends Future<?>> ping;

  SimpleCheck(String name, String componentType, Supplier<? extends Future<?>> ping) {
    this.name = Objects.requireNonNull(name, "name");
    this.componentType = componentType;
    this.ping = Objects.requireNonNull(ping, "ping");
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String componentType() {
    return componentType;
  }

  @Override
  public Future<Void> ping(CheckContext context) {
    Future<?> run;
    try {
      run = Objects.requireNonNull(ping.get(), "ping returned null");
    } catch (RuntimeException e) {
      run = Future.failedFuture(e);
    }
    return run.<Void>mapEmpty().recover(error -> Future.failedFuture(reason(error)));
  }

  /**
   * An error of a type the built-in kinds know (a refused connection, a timeout, a {@link CheckFailure})
   * keeps their words, since a client's message may name hosts; any other error's own message is the reason,
   * on one line and cut to {@link #MAX_REASON_CHARS}.
   */
  static CheckFailure reason(Throwable error) {
    CheckFailure known = Failures.known(error);
    if (known != null) {
      return known;
    }
    String message = error.getMessage() == null ? "" : oneLine(error.getMessage());
    return message.isEmpty() ? Failures.classify(error) : new CheckFailure(FailureKind.ERROR, message);
  }

  private static String oneLine(String message) {
    StringBuilder line = new StringBuilder(Math.min(message.length(), MAX_REASON_CHARS + 3));
    for (int i = 0; i < message.length() && line.length() < MAX_REASON_CHARS; i++) {
      char c = message.charAt(i);
      line.append(Character.isISOControl(c) || c == '\u2028' || c == '\u2029' ? ' ' : c);
    }
    String text = line.toString().strip();
    return message.length() > MAX_REASON_CHARS ? text + "..." : text;
  }
}
