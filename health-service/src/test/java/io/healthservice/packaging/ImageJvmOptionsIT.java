package io.healthservice.packaging;

import io.healthservice.support.Eventually;
import io.healthservice.support.Ports;
import io.healthservice.support.Processes;
import io.healthservice.support.RealServers;
import io.healthservice.support.Tools;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The image's run line, as the Dockerfile builds it: deploy/jvm/build-cds.sh writes the AppCDS archive
 * next to the jar, then {@code java @jvm.options -jar health-service.jar} from that directory serves
 * probes with the service's classes coming from the archive, and stops cleanly on SIGTERM.
 */
class ImageJvmOptionsIT {

  @Test
  void theImageLineBuildsItsArchiveAndServesFromIt() throws Exception {
    Tools.require("/usr/bin/curl", "curl");
    Path dir = Files.createTempDirectory("image-jvm");
    Path jar = dir.resolve("health-service.jar");
    Files.copy(Path.of(System.getProperty("jar.path", "health-service/target/health-service.jar")), jar);
    Files.copy(Path.of("deploy/jvm/jvm.options"), dir.resolve("jvm.options"), StandardCopyOption.REPLACE_EXISTING);

    ProcessBuilder build = new ProcessBuilder("sh", Path.of("deploy/jvm/build-cds.sh").toAbsolutePath().toString(),
      "jvm.options", jar.toString(), Integer.toString(Ports.free())).directory(dir.toFile());
    Processes.Result built = Processes.run(build, 120);
    assertThat(built.exitCode()).as(built.output()).isZero();
    assertThat(dir.resolve("health-service.jsa")).as("the archive jvm.options names").isNotEmptyFile();

    int port = Ports.free();
    Path log = dir.resolve("run.log");
    ProcessBuilder run = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
      "@jvm.options", "-Xlog:class+load=info", "-jar", jar.toString())
      .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
    run.environment().put("HTTP_PORT", Integer.toString(port));
    run.environment().put("DATABASE_URL", RealServers.DATABASE_URL);
    run.environment().put("REDIS_URL", RealServers.REDIS_URL);
    run.environment().put("SHUTDOWN_DRAIN", "0s");
    Process process = run.start();
    try {
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
      int status;
      try {
        status = Eventually.until("/health/live answering 200", Duration.ofSeconds(30), () -> {
          try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/live"))
              .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
          } catch (java.io.IOException notYet) {
            return 0;
          }
        }, s -> s == 200);
      } catch (AssertionError notWithin) {
        throw new AssertionError(notWithin.getMessage() + "; log: " + tail(log), notWithin);
      }
      assertThat(status).as("/health/live within 30 s; log: " + tail(log)).isEqualTo(200);
      // The service's own classes were archived at build time, so they load from the archive ("top" layer).
      assertThat(Files.readString(log))
        .containsPattern("io\\.healthservice\\.lifecycle\\.Main source: shared objects file \\(top\\)");
      // -Dio.netty.jfr.enabled=false: Netty's allocator events (and the JFR machinery they pull in) stay unloaded.
      assertThat(Files.readString(log)).doesNotContain("io.netty.buffer.AbstractAllocatorEvent");
      // Netty 4.2 wakes every idle event loop once a second: one loop per HTTP instance and the monitor's.
      assertThat(eventLoopThreads(process.pid())).as("event-loop threads")
        .isBetween(2L, (long) Runtime.getRuntime().availableProcessors() + 1);
    } finally {
      process.destroy();
      boolean exited = process.waitFor(15, TimeUnit.SECONDS);
      if (!exited) {
        process.destroyForcibly(); // never leave a stray service behind
      }
      assertThat(exited).as("exited within 15 s of SIGTERM").isTrue();
      assertThat(process.exitValue()).as(tail(log)).isZero();
    }
    try (var files = Files.list(dir)) {
      for (Path file : files.toList()) {
        Files.delete(file);
      }
    }
    Files.delete(dir);
  }

  private static long eventLoopThreads(long pid) throws java.io.IOException {
    try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
      return tasks.filter(task -> {
        try {
          return Files.readString(task.resolve("comm")).startsWith("vert.x-eventloo");
        } catch (java.io.IOException gone) {
          return false;
        }
      }).count();
    }
  }

  private static String tail(Path log) throws java.io.IOException {
    String text = Files.readString(log);
    return text.substring(Math.max(0, text.length() - 4000));
  }
}
