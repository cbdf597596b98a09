package io.healthservice.faults;

import io.healthservice.support.Exposition;
import io.healthservice.support.FakeLlmApi;
import io.healthservice.support.Fixture;
import io.healthservice.support.RunningService;
import io.healthservice.support.RunningService.Probe;
import io.healthservice.support.TcpProxy;
import io.healthservice.support.TcpProxy.Mode;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bounded soak (45 s; -Dsoak.seconds to change): a steady probe load while Postgres, Redis and the LLM
 * API flap through faults every few seconds. Nothing but the expected statuses, no slow probe, and no
 * growth in heap after GC, threads, file descriptors or pool waiters between the first and last 10 s.
 */
@ExtendWith(VertxExtension.class)
class SoakIT {

  private record Sample(long heapBytes, int threads, long fds, double poolWaiting, int proxyConnections) {
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES) // 45 s of soak plus start-up and recovery; longer soaks: timeout.mode=disabled
  void steadyLoadWhileDependenciesFlap(Vertx vertx) throws Exception {
    long seconds = Long.getLong("soak.seconds", 45);
    try (Fixture fixture = new Fixture(vertx); RunningService service = fixture.start()) {
      AtomicBoolean running = new AtomicBoolean(true);
      Map<String, AtomicLong> statuses = new ConcurrentHashMap<>();
      List<String> problems = new CopyOnWriteArrayList<>();
      AtomicLong slowest = new AtomicLong();
      List<Thread> clients = new ArrayList<>();
      for (String path : List.of("/health", "/health/ready", "/health/live", "/health/database", "/metrics")) {
        Thread client = new Thread(() -> {
          while (running.get()) {
            try {
              Probe probe = service.get(path);
              statuses.computeIfAbsent(path + " " + probe.status(), k -> new AtomicLong()).incrementAndGet();
              slowest.accumulateAndGet(probe.elapsedMs(), Math::max);
              boolean expected = switch (path) {
                case "/health/live", "/metrics" -> probe.status() == 200;
                default -> probe.status() == 200 || probe.status() == 503;
              };
              if (!expected || probe.body().contains("Exception")) {
                problems.add(path + " answered " + probe.status() + ": " + probe.body());
              }
              Thread.sleep(2);
            } catch (Exception e) {
              problems.add(path + " failed: " + e);
            }
          }
        }, "soak-" + path);
        client.setDaemon(true); // a stuck client must not keep the test JVM alive
        client.start();
        clients.add(client);
      }

      List<Sample> samples = new ArrayList<>();
      Mode[] faults = {Mode.REFUSE, Mode.HANG, Mode.RESET, Mode.GARBAGE, Mode.RESET_MID_REPLY};
      TcpProxy[] proxies = {fixture.postgres, fixture.redis, fixture.llmProxy};
      long start = System.nanoTime();
      try {
        for (int second = 0; second < seconds; second++) {
          if (second % 3 == 0) {
            int round = second / 3;
            TcpProxy proxy = proxies[round % proxies.length];
            for (TcpProxy p : proxies) {
              if (p != proxy && p.mode() != Mode.FORWARD) {
                p.set(Mode.FORWARD);
              }
            }
            proxy.set(round % 2 == 0 ? faults[(round / 2) % faults.length] : Mode.FORWARD);
            fixture.llm.set(round % 7 == 3 ? FakeLlmApi.Mode.RATE_LIMITED : FakeLlmApi.Mode.OK);
          }
          samples.add(sample(service, fixture));
          long next = start + Duration.ofSeconds(second + 1).toNanos();
          Thread.sleep(Math.max(0, (next - System.nanoTime()) / 1_000_000));
        }
      } finally {
        running.set(false);
        for (Thread client : clients) {
          client.join(10_000); // longer than a probe's 5 s request timeout
        }
      }
      assertThat(clients).as("client threads stopped").noneMatch(Thread::isAlive);
      for (TcpProxy p : proxies) {
        p.set(Mode.FORWARD);
      }
      fixture.llm.set(FakeLlmApi.Mode.OK);

      assertThat(problems).isEmpty();
      assertThat(slowest.get()).isLessThan(1000);
      assertThat(statuses.keySet()).contains("/health 200", "/health 503");
      long probes = statuses.values().stream().mapToLong(AtomicLong::get).sum();
      assertThat(probes).isGreaterThan(seconds * 100);

      List<Sample> first = samples.subList(0, 10);
      List<Sample> last = samples.subList(samples.size() - 10, samples.size());
      long firstHeap = first.stream().mapToLong(Sample::heapBytes).max().orElseThrow();
      long lastHeap = last.stream().mapToLong(Sample::heapBytes).max().orElseThrow();
      assertThat(lastHeap).as("heap after GC, first vs last 10 s: " + samples).isLessThan(firstHeap + 16 * 1024 * 1024);
      assertThat(last.stream().mapToInt(Sample::threads).max().orElseThrow())
        .isLessThanOrEqualTo(first.stream().mapToInt(Sample::threads).max().orElseThrow() + 2);
      assertThat(last.stream().mapToLong(Sample::fds).max().orElseThrow())
        .isLessThanOrEqualTo(first.stream().mapToLong(Sample::fds).max().orElseThrow() + 25);
      assertThat(samples.stream().mapToDouble(Sample::poolWaiting).max().orElseThrow()).isLessThanOrEqualTo(2);
      assertThat(samples.stream().mapToInt(Sample::proxyConnections).max().orElseThrow()).isLessThanOrEqualTo(8);

      // And it all comes back.
      Probe end = service.await("/health", p -> "ok".equals(p.json().getString("status")));
      assertThat(end.status()).isEqualTo(200);
    }
  }

  private static Sample sample(RunningService service, Fixture fixture) throws Exception {
    System.gc();
    long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    int threads = ManagementFactory.getThreadMXBean().getThreadCount();
    String[] fds = new File("/proc/self/fd").list();
    Exposition metrics = new Exposition(service.get("/metrics").body());
    double waiting = 0;
    for (String pool : List.of("health-check-database", "health-check-redis")) {
      Double pending = metrics.value("vertx_pool_queue_pending", "pool_name", pool);
      waiting = Math.max(waiting, pending == null ? 0 : pending);
    }
    int connections = fixture.postgres.openConnections() + fixture.redis.openConnections() + fixture.llmProxy.openConnections();
    return new Sample(heap, threads, fds == null ? 0 : fds.length, waiting, connections);
  }
}
