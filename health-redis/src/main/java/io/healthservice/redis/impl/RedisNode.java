package io.healthservice.redis.impl;

import io.healthservice.CheckFailure;
import io.healthservice.FailureKind;
import io.healthservice.kit.ConnectionAge;
import io.healthservice.kit.PeerCertificates;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * One Redis server (a standalone server, a sentinel, a master or a cluster node): a one-connection pooled
 * client, replaced once older than the connection age, and each command bounded by a deadline so that a
 * stopped node fails with its own name instead of hanging the whole check.
 */
public final class RedisNode {

  private final Vertx vertx;
  private final String url;
  private final String address;
  private final Optional<String> password;
  private final Optional<String> caFile;
  // Each node records its own peer: the check reports the earliest end across the nodes it uses now.
  private final PeerCertificates certificates = new PeerCertificates();
  private final ConnectionAge age;
  private Redis client;

  /** @param caFile the CAs to trust for {@code rediss://}; empty: the JVM's */
  public RedisNode(Vertx vertx, String url, Optional<String> password, Optional<String> caFile, Duration maxConnectionAge) {
    this.vertx = vertx;
    this.url = url;
    this.address = address(url);
    this.password = password;
    this.caFile = caFile;
    this.age = new ConnectionAge(maxConnectionAge);
  }

  /** With {@code rediss://}: the earliest end of the chain this node presented at its latest handshake. */
  public Optional<Instant> certificateExpiry() {
    return certificates.notAfter();
  }

  /** {@code host:port}, the only part of the node's URL that is safe to show. */
  String address() {
    return address;
  }

  /** {@code host:port} of {@code url}; never an exception carrying the URL, which may hold a password. */
  private static String address(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("invalid Redis URL (not shown: it may hold a password)");
    }
    String host = uri.getHost() != null ? uri.getHost() : uri.getAuthority() == null ? null
      : uri.getAuthority().substring(uri.getAuthority().lastIndexOf('@') + 1).replaceFirst(":\\d+$", "");
    if (host == null || host.isEmpty()) {
      throw new IllegalArgumentException("Redis URL without a host (not shown: it may hold a password)");
    }
    return host + ":" + (uri.getPort() < 0 ? 6379 : uri.getPort());
  }

  /**
   * Before a run: drops a connection that reached its max age, so the run opens a new one (only a new
   * connection shows whether the server still accepts them: maxclients, a rotated ACL password).
   * Judged once per run, not per command, so commands of one run share a connection.
   */
  public void expireIfOld() {
    if (age.expired()) {
      reset();
    }
  }

  /** True when no connection is to be held between runs (max age zero). */
  public boolean freshEveryRun() {
    return age.freshEveryRun();
  }

  /**
   * Sends {@code request}; the monitor's timeout bounds it (standalone: the node is the whole check).
   * {@code connectMs} is the connect limit of a new connection, a little past the run's budget.
   */
  Future<Response> send(Request request, int connectMs) {
    return withClient(connectMs, client -> client.send(request));
  }

  /**
   * Sends {@code request} with its own deadline, for a check that talks to several nodes: a failure or
   * a missing reply names this node, and the other nodes' answers still count.
   */
  Future<Response> send(Request request, int connectMs, long deadlineMs) {
    return withClient(connectMs, client -> bounded(client.send(request), deadlineMs));
  }

  /**
   * Like {@link #send(Request, int, long)} (no deadline of its own when {@code deadlineMs} is 0), but an
   * error reply ({@code -LOADING}, {@code -MISCONF}, {@code -NOPERM}) is the result, of type ERROR, for the
   * caller to judge by its code; it does not drop the connection.
   */
  Future<Response> ask(Request request, int connectMs, long deadlineMs) {
    return withClient(connectMs, client -> {
      Future<Response> reply = client.send(request).recover(error -> error instanceof Response r && r.type() == ResponseType.ERROR
        ? Future.succeededFuture(r) : Future.failedFuture(error));
      return deadlineMs > 0 ? bounded(reply, deadlineMs) : reply;
    });
  }

  private Future<Response> bounded(Future<Response> reply, long deadlineMs) {
    return reply.timeout(Math.max(1, deadlineMs), TimeUnit.MILLISECONDS)
      .recover(error -> {
        CheckFailure failure = RedisErrors.of(error);
        String reason = failure.kind() == FailureKind.TIMEOUT ? "no reply within " + deadlineMs + " ms" : failure.reason();
        return Future.failedFuture(new CheckFailure(failure.kind(), address + ": " + reason));
      });
  }

  private Future<Response> withClient(int connectMs, Function<Redis, Future<Response>> call) {
    if (client == null) {
      client = Redis.createClient(vertx, options(connectMs));
      age.connected();
    }
    Redis used = client;
    // A late failure must not close a newer client that the next run opened meanwhile.
    return call.apply(used).onFailure(error -> {
      if (client == used) {
        reset();
      }
    });
  }

  Future<Void> reset() {
    Redis old = client;
    client = null;
    age.closed();
    return old == null ? Future.succeededFuture() : old.close();
  }

  /** A node at {@code host:port} reached like this one: same scheme, credentials and TLS settings. */
  RedisNode sibling(String host, int port, String path) {
    URI uri = URI.create(url);
    String userInfo = uri.getRawUserInfo() == null ? "" : uri.getRawUserInfo() + "@";
    String bracketed = host.contains(":") ? "[" + host + "]" : host;
    return new RedisNode(vertx, uri.getScheme() + "://" + userInfo + bracketed + ":" + port + path,
      password, caFile, age.maxAge());
  }

  private RedisOptions options(int connectMs) {
    int ms = Math.max(1, connectMs);
    NetClientOptions net = new NetClientOptions().setConnectTimeout(ms).setTcpKeepAlive(true);
    if (url.startsWith("rediss://")) {
      // TLS, with the host name checked against the certificate.
      net.setSsl(true).setHostnameVerificationAlgorithm("HTTPS");
      net.setTrustOptions(certificates.verifying(caFile));
    }
    RedisOptions options = new RedisOptions()
      .setConnectionString(url)
      .setMaxPoolSize(1)
      .setMaxPoolWaiting(4)
      .setMaxWaitingHandlers(16)
      .setPoolName("health-check-redis")
      .setNetClientOptions(net);
    password.ifPresent(options::setPassword);
    return options;
  }
}
