package io.healthservice.kit;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * When a check's client was connected, and whether it is too old to trust. A connection that lives for
 * ever hides a server that stopped accepting new ones (connection limit reached, password rotated,
 * pg_hba changed, listener gone); replacing it after a bounded age makes that show within the bound.
 */
public final class ConnectionAge {

  private final Duration maxAge;
  private final long maxAgeNanos;
  private final LongSupplier nanoTime;
  private long connectedAt;
  private boolean connected;

  public ConnectionAge(Duration maxAge, LongSupplier nanoTime) {
    this.maxAge = maxAge;
    this.maxAgeNanos = maxAge.toNanos();
    this.nanoTime = nanoTime;
  }

  public ConnectionAge(Duration maxAge) {
    this(maxAge, System::nanoTime);
  }

  public Duration maxAge() {
    return maxAge;
  }

  /** A new client was created now. */
  public void connected() {
    connected = true;
    connectedAt = nanoTime.getAsLong();
  }

  /** The client was closed. */
  public void closed() {
    connected = false;
  }

  /** True when the current client must be replaced before it is used again (zero: always). */
  public boolean expired() {
    return connected && (maxAgeNanos == 0 || nanoTime.getAsLong() - connectedAt >= maxAgeNanos);
  }

  /** True when no connection is to be kept between runs. */
  public boolean freshEveryRun() {
    return maxAgeNanos == 0;
  }
}
