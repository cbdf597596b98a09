package io.healthservice.notify;

/**
 * Counts deliveries, for metrics. Called on the notifier's event loop; must not block. health-core has no
 * metrics registry: the standalone service feeds Micrometer counters from this, an embedding application
 * whatever it uses.
 */
public interface NotifyStats {

  /** Does nothing. */
  NotifyStats NONE = new NotifyStats() {
  };

  /** A message was accepted by the receiver (2xx). */
  default void sent(Channel.Kind channel) {
  }

  /** A message was given up: a permanent error (4xx other than 429) or its attempts ran out. */
  default void failed(Channel.Kind channel) {
  }

  /** A message was dropped because the channel's queue was full. */
  default void dropped(Channel.Kind channel) {
  }
}
