package io.healthservice.postgres.impl;

import java.util.Locale;

/**
 * libpq's {@code target_session_attrs}: which server of a host list a session may use. {@code read-write}
 * and {@code read-only} judge whether transactions are read-write by default (a primary with
 * {@code default_transaction_read_only=on} is read-only); {@code primary} and {@code standby} judge hot
 * standby alone; {@code prefer-standby} takes a standby if any host is one, else any host that answers.
 */
public enum SessionAttrs {
  ANY("any"),
  READ_WRITE("read-write"),
  READ_ONLY("read-only"),
  PRIMARY("primary"),
  STANDBY("standby"),
  PREFER_STANDBY("prefer-standby");

  private final String text;

  SessionAttrs(String text) {
    this.text = text;
  }

  /** The value as written in a URL. */
  public String text() {
    return text;
  }

  /** @throws IllegalArgumentException for a value libpq does not know (the message lists the known ones) */
  public static SessionAttrs parse(String value) {
    String wanted = value.trim().toLowerCase(Locale.ROOT);
    for (SessionAttrs attrs : values()) {
      if (attrs.text.equals(wanted)) {
        return attrs;
      }
    }
    throw new IllegalArgumentException("target_session_attrs must be any, read-write, read-only, primary, standby"
      + " or prefer-standby");
  }

  /** True when a run must ask the server its role; {@code any} takes whatever answers. */
  public boolean needsRole() {
    return this != ANY;
  }

  /**
   * Whether a server in {@code role} is what the session wants on the first (for {@code prefer-standby}
   * the only strict) pass; {@code role} is null when it was not asked.
   */
  public boolean accepts(ServerRole role) {
    return switch (this) {
      case ANY -> true;
      case READ_WRITE -> role != null && !role.readOnly();
      case READ_ONLY -> role != null && role.readOnly();
      case PRIMARY -> role != null && !role.inRecovery();
      case STANDBY, PREFER_STANDBY -> role != null && role.inRecovery();
    };
  }

  /** "no host is ..." in a reason: the attribute no host matched. */
  String wanted() {
    return switch (this) {
      case ANY -> "reachable";
      case PREFER_STANDBY -> "reachable (prefer-standby)";
      default -> text;
    };
  }
}
