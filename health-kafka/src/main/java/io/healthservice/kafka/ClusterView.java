package io.healthservice.kafka;

import io.healthservice.CheckFailure;
import io.healthservice.FailureKind;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;

import java.util.Collection;

/** What a run learnt of the cluster from its metadata ({@code DescribeCluster}), and the verdict on it. */
record ClusterView(int brokers, boolean controller) {

  /** Asks any bootstrap broker within {@code callMs}; the answer completes on the run's context {@code on}. */
  static Future<ClusterView> describe(Admin client, int callMs, Context on) {
    Promise<ClusterView> run = Promise.promise();
    DescribeClusterResult result = client.describeCluster(new DescribeClusterOptions().timeoutMs(callMs));
    // Completed on the admin client's thread (the futures are done: get() does not wait); back to the run's context.
    KafkaFuture.allOf(result.nodes(), result.controller()).whenComplete((ignored, error) -> {
      ClusterView cluster = null;
      Throwable failure = error;
      if (failure == null) {
        try {
          Collection<Node> nodes = result.nodes().get();
          Node controller = result.controller().get();
          cluster = new ClusterView(nodes == null ? 0 : nodes.size(), controller != null && !controller.isEmpty());
        } catch (Exception e) {
          failure = e;
        }
      }
      Throwable failed = failure;
      ClusterView seen = cluster;
      on.runOnContext(v -> {
        if (failed != null) {
          run.fail(failed);
        } else {
          run.complete(seen);
        }
      });
    });
    return run.future();
  }

  /** The cluster answered: up, or down by what it said. */
  Future<Void> verdict(int minBrokers) {
    if (!controller) {
      return Future.failedFuture(new CheckFailure(FailureKind.ERROR, "no controller"));
    }
    if (brokers < minBrokers) {
      return Future.failedFuture(new CheckFailure(FailureKind.ERROR, brokers
        + (brokers == 1 ? " broker" : " brokers") + " < min_brokers " + minBrokers));
    }
    return Future.succeededFuture();
  }
}
