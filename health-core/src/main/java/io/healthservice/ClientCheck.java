package io.healthservice;

import io.vertx.core.Future;

/**
 * A check that holds a client between runs (a pool, a connection, an HTTP client). The client is opened
 * lazily by a run, dropped (released) after a run the monitor decided failed or timed out, and released for
 * good by {@link #close()} at shutdown. Dropping is what frees a socket stuck on a hung server: most clients
 * have no per-request timeout, and a timed-out run does not cancel the I/O behind it. The next run opens a
 * new client.
 *
 * @param <C> the client
 */
public abstract class ClientCheck<C> implements DependencyCheck {

  private final String name;
  private final String target;
  private C client;
  private boolean closed;

  /**
   * @param name   the check's name ({@link #name()})
   * @param target what it probes, credentials masked, for log lines ({@link #target()})
   */
  protected ClientCheck(String name, String target) {
    this.name = java.util.Objects.requireNonNull(name, "name");
    this.target = java.util.Objects.requireNonNull(target, "target");
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String target() {
    return target;
  }

  /** A new client for a run (it may connect lazily); {@code context}'s budget gives its limits. */
  protected abstract C open(CheckContext context);

  /** One run with {@code client}. */
  protected abstract Future<Void> ping(C client, CheckContext context);

  /** Releases {@code client}: its connections and sockets. */
  protected abstract Future<Void> release(C client);

  /** False when the kept client must not serve this run (too old, closed by the server): it is replaced. */
  protected boolean reusable(C client, CheckContext context) {
    return true;
  }

  @Override
  public final Future<Void> ping(CheckContext context) {
    C stale = null;
    C used;
    synchronized (this) {
      if (closed) {
        return Future.failedFuture(new CheckFailure(FailureKind.ERROR, "check closed"));
      }
      if (client != null && !reusable(client, context)) {
        stale = client;
        client = null;
      }
      if (client == null) {
        client = open(context);
      }
      used = client;
    }
    if (stale != null) {
      release(stale);
    }
    // A client whose run failed or timed out is not to be trusted (a hung socket, requests queued on it).
    context.ended().onFailure(e -> drop(used));
    return ping(used, context);
  }

  /** Releases {@code used} if it is still the client in use (a late run never drops a newer client). */
  protected final Future<Void> drop(C used) {
    synchronized (this) {
      if (client != used) {
        return Future.succeededFuture();
      }
      client = null;
    }
    return release(used);
  }

  /** True while {@code used} is the client in use: a step of a dropped run must not touch a newer run's state. */
  protected final synchronized boolean current(C used) {
    return client == used;
  }

  /** The client in use, or null between a drop and the next run. */
  protected final synchronized C client() {
    return client;
  }

  /** Releases the client for good: later runs fail ("check closed"). */
  @Override
  public Future<Void> close() {
    C old;
    synchronized (this) {
      closed = true;
      old = client;
      client = null;
    }
    return old == null ? Future.succeededFuture() : release(old);
  }
}
