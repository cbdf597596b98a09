package io.healthservice.kafka;

import io.healthservice.CheckContext;
import io.healthservice.CheckFailure;
import io.healthservice.DependencyCheck;
import io.healthservice.FailureKind;
import io.healthservice.kit.Secrets;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;

import java.time.Duration;
import java.util.Collection;
import java.util.Objects;

/**
 * A Kafka cluster as its clients see it: per run, the cluster's metadata ({@code DescribeCluster}) from any
 * bootstrap broker through one admin client the check keeps; up when a controller is known and the metadata
 * lists at least {@code min_brokers} brokers. It never produces, consumes nor creates anything.
 *
 * <p>The admin client is kept across runs, failed ones included: it is non-blocking, reconnects by itself, and
 * every wait of it ends under the run's budget ({@link KafkaClientConfig}); a call that timed out on a hung
 * broker makes Kafka close the connection it waited on. It runs one thread, {@code kafka-admin-client-thread |
 * health-NAME-N}, until {@link #close()}. Its creation resolves the bootstrap names, so it runs on a worker.
 */
public final class KafkaCheck implements DependencyCheck {

  private final Vertx vertx;
  private final String name;
  private final KafkaTarget target;
  private final KafkaUrl url;
  private final String masked;
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
    return client.compose(a -> describe(a, callMs, on))
      .recover(error -> Future.failedFuture(KafkaErrors.classify(error)));
  }

  private Future<Admin> open(int callMs) {
    String password = target.target().password().or(url::password).orElse("");
    Future<Admin> opening = vertx.executeBlocking(
      () -> Admin.create(KafkaClientConfig.of(name, url, target, password, callMs)), false);
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

  private Future<Void> describe(Admin client, int callMs, Context on) {
    Promise<Void> run = Promise.promise();
    DescribeClusterResult result = client.describeCluster(new DescribeClusterOptions().timeoutMs(callMs));
    // Completed on the admin client's thread (the futures are done: get() does not wait); the verdict is the run's context's.
    KafkaFuture.allOf(result.nodes(), result.controller()).whenComplete((ignored, error) -> {
      Collection<Node> nodes = null;
      Node controller = null;
      Throwable failure = error;
      if (failure == null) {
        try {
          nodes = result.nodes().get();
          controller = result.controller().get();
        } catch (Exception e) {
          failure = e;
        }
      }
      Throwable failed = failure;
      Collection<Node> listed = nodes;
      Node known = controller;
      on.runOnContext(v -> {
        if (failed != null) {
          run.fail(failed);
        } else {
          verdict(listed, known, run);
        }
      });
    });
    return run.future();
  }

  private void verdict(Collection<Node> nodes, Node controller, Promise<Void> run) {
    int brokers = nodes == null ? 0 : nodes.size();
    if (controller == null || controller.isEmpty()) {
      run.fail(new CheckFailure(FailureKind.ERROR, "no controller"));
    } else if (brokers < target.minBrokers()) {
      run.fail(new CheckFailure(FailureKind.ERROR, brokers + (brokers == 1 ? " broker" : " brokers")
        + " < min_brokers " + target.minBrokers()));
    } else {
      run.complete();
    }
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
    if (client == null) {
      return Future.succeededFuture();
    }
    return client.transform(made -> made.failed() ? Future.succeededFuture()
      : vertx.executeBlocking(() -> {
        made.result().close(Duration.ZERO);
        return null;
      }, false));
  }
}
