package io.healthservice.notify.impl;

import io.healthservice.FailureKind;

import java.time.Instant;
import java.util.Objects;

/**
 * One message about one check, the same for every channel; each channel renders it in its own format.
 *
 * @param event    what happened
 * @param service  the service whose dependency this is ({@code service.name})
 * @param check    the check's name
 * @param critical whether the check is critical (its failure makes the service {@code error})
 * @param kind     why it is down; {@code null} when resolved
 * @param reason   sanitised words for {@code kind} (never a host, user or key); {@code null} when resolved
 * @param since    when the outage was first notified
 * @param at       when this message was decided
 */
public record Notification(Event event, String service, String check, boolean critical, FailureKind kind,
                           String reason, Instant since, Instant at) {

  /** What a message says. */
  public enum Event {
    /** The check went down (after its failure threshold). */
    DOWN,
    /** The check is still down: a reminder, sent every reminder interval while down. */
    REMINDER,
    /** The check is up again (after its success threshold). */
    RESOLVED;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public Notification {
    Objects.requireNonNull(event);
    Objects.requireNonNull(service);
    Objects.requireNonNull(check);
    Objects.requireNonNull(since);
    Objects.requireNonNull(at);
  }

  /** One line for people: "ai-chatrooms: redis is down (connection refused)". */
  public String summary() {
    return switch (event) {
      case DOWN -> service + ": " + check + " is down (" + reason + ")";
      case REMINDER -> service + ": " + check + " is still down (" + reason + "), since " + since;
      case RESOLVED -> service + ": " + check + " is ok again (down for "
        + java.time.Duration.between(since, at).toSeconds() + " s)";
    };
  }
}
