package io.healthservice.kafka;

import io.healthservice.CheckContext;
import io.healthservice.CheckFailure;
import io.healthservice.DependencyCheck;
import io.healthservice.FailureKind;
import io.healthservice.kit.PeerCertificates;
import io.healthservice.kit.Secrets;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * A Kafka cluster as its clients see it: per run, the cluster's metadata ({@code DescribeCluster}) from any
 * bootstrap broker through one admin client the check keeps; up when a controller is known and the metadata
 * lists at least {@code min_brokers} brokers. It never produces, consumes nor creates anything.
 *
 * <p>The admin client is kept across runs while the cluster answers (a cluster that answered "too few brokers"
 * included); every wait of it ends under the run's budget ({@link KafkaClientConfig}). After a run the client
 * failed (timeout, refused, authentication, TLS) it is closed and the next run opens a new one: idle, a client
 * that lost its brokers would keep reconnecting, with a warning in the log each time. It runs one thread,
 * {@code kafka-admin-client-thread | health-NAME-N}. Its creation resolves the bootstrap names: on a worker.
 */
public final class KafkaCheck implements DependencyCheck {

  private final Vertx vertx;
  private final String name;
  private final KafkaTarget target;
  private final KafkaUrl url;
  private final String masked;
  /** The brokers' certificates as the admin client's TLS checked them (kafka+ssl://). */
  private final PeerCertificates certificates = new PeerCertificates();
  private Future<Admin> admin;
  private boolean closed;

  public KafkaCheck(Vertx vertx, String name, KafkaTarget target) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.name = Objects.requireNonNull(name, "name");
    this.target = Objects.requireNonNull(target, "target");
    this.url = KafkaUrl.parse(target.target().url());
    this.masked = Secrets.maskUrl(target.target().url());
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String target() {
    return masked;
  }

  @Override
  public String componentType() {
    return "datastore";
  }

  /** A call's limit: under the budget, so the run's reason is the client's ("authentication failed"), not the monitor's. */
  static int callMillis(CheckContext context) {
    long budget = context.budgetMillis();
    return (int) Math.min(Integer.MAX_VALUE, Math.max(1, budget - Math.max(50, budget / 10)));
  }

  @Override
  public Future<Void> ping(CheckContext context) {
    int callMs = callMillis(context);
    Future<Admin> client;
    synchronized (this) {
      if (closed) {
        return Future.failedFuture(new CheckFailure(FailureKind.ERROR, "check closed"));
      }
      if (admin == null) {
        admin = open(callMs);
      }
      client = admin;
    }
    Context on = vertx.getOrCreateContext();
    double[] connectedBefore = {-1};
    return client.compose(a -> {
        connectedBefore[0] = connectionsMade(a);
        return ClusterView.describe(a, callMs, on);
      })
      .recover(error -> {
        CheckFailure failure = KafkaErrors.classify(error);
        // Kafka retries a refused connection until the call times out: a timeout without a connection made
        // (the client's own count) was no broker reachable, not a broker that stopped answering.
        if (failure.kind() == FailureKind.TIMEOUT && client.succeeded() && connectedBefore[0] >= 0
          && connectionsMade(client.result()) == connectedBefore[0]) {
          failure = new CheckFailure(FailureKind.REFUSED, "no broker reachable (connection refused or unanswered)");
        }
        // Idle, a client that lost its brokers keeps reconnecting (and logging a warning each time): the next
        // run starts a new one instead.
        drop(client);
        return Future.failedFuture(failure);
      })
      .compose(cluster -> cluster.verdict(target.minBrokers())) // the client is kept
      // A handshake that failed on an expired certificate has still seen its date.
      .andThen(ar -> certificates.notAfter().ifPresent(context::certificate));
  }

  /** Connections the client has established so far (Kafka's {@code connection-creation-total}). */
  private static double connectionsMade(Admin client) {
    double made = 0;
    for (Map.Entry<MetricName, ? extends Metric> metric : client.metrics().entrySet()) {
      if (metric.getKey().name().equals("connection-creation-total") && metric.getValue().metricValue() instanceof Double d) {
        made += d;
      }
    }
    return made;
  }

  private synchronized void drop(Future<Admin> used) {
    if (admin == used) {
      admin = null;
      release(used);
    }
  }

  private Future<Void> release(Future<Admin> client) {
    return client.transform(made -> made.failed() ? Future.succeededFuture()
      : vertx.executeBlocking(() -> {
        made.result().close(Duration.ZERO);
        return null;
      }, false));
  }

  private Future<Admin> open(int callMs) {
    String password = target.target().password().or(url::password).orElse("");
    Future<Admin> opening = vertx.executeBlocking(() -> Admin.create(KafkaClientConfig.of(name, url, target, password,
      callMs, url.tls() ? certificates.verifying(target.target().caFile()).getTrustManagerFactory(vertx) : null)), false);
    // A client that could not be made (no bootstrap name resolved) is tried again by the next run.
    opening.onFailure(e -> {
      synchronized (this) {
        if (admin == opening) {
          admin = null;
        }
      }
    });
    return opening;
  }

  /** Closes the admin client (its connections and thread) without waiting for calls in flight: they fail. */
  @Override
  public Future<Void> close() {
    Future<Admin> client;
    synchronized (this) {
      closed = true;
      client = admin;
      admin = null;
    }
    return client == null ? Future.succeededFuture() : release(client);
  }
}
