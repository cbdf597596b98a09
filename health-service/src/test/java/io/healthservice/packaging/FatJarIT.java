package io.healthservice.packaging;

import io.healthservice.support.Eventually;
import io.healthservice.support.Ports;
import io.healthservice.support.Processes;
import io.healthservice.support.RealServers;
import io.healthservice.support.Tools;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's run command, for real: {@code bin/health-service}, which runs the fat jar with the image's JVM
 * options ({@code deploy/jvm/jvm.options}), as the Docker image does.
 */
class FatJarIT {

  /** {@code bin/health-service --check-config}: validates and prints the checks (masked) without listening; 0 or 2. */
  @Test
  void checkConfigValidatesWithoutListening() throws Exception {
    Path jar = Path.of(System.getProperty("jar.path", "health-service/target/health-service.jar"));
    Path config = Files.writeString(Files.createTempFile("check-config", ".yaml"),
      "checks:\n  orders-db: {type: postgres, url: 'postgresql://orders:s3cret-pw@db.invalid:5432/orders'}\n");
    CheckRun valid = checkConfig(jar, config, "HTTP_PORT", "1");
    assertThat(valid.exit()).as(valid.output()).isZero();
    assertThat(valid.output()).contains("configuration is valid").contains("check orders-db type=postgres")
      .contains("check database type=postgres").doesNotContain("s3cret-pw");
    CheckRun typo = checkConfig(jar, config, "HEALTH_CHECK_ORDERS_DB_INTERVALL", "5s");
    assertThat(typo.exit()).as(typo.output()).isEqualTo(2);
    assertThat(typo.output()).contains("invalid configuration: HEALTH_CHECK_ORDERS_DB_INTERVALL");
  }

  private record CheckRun(int exit, String output) {
  }

  private static CheckRun checkConfig(Path jar, Path config, String variable, String value) throws Exception {
    Path log = Files.createTempFile("check-config", ".log");
    ProcessBuilder builder = new ProcessBuilder("bin/health-service", "--check-config").redirectErrorStream(true)
      .redirectOutput(log.toFile()).directory(new File(System.getProperty("user.dir")));
    builder.environment().put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
    builder.environment().put("HEALTH_SERVICE_JAR", jar.toAbsolutePath().toString());
    builder.environment().put("HEALTH_CONFIG", config.toString());
    builder.environment().put(variable, value);
    Process process = builder.start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("--check-config did not exit within 60 s: " + Files.readString(log));
    }
    return new CheckRun(process.exitValue(), Files.readString(log));
  }

  @Test
  void theJarServesHealthAndStopsCleanly() throws Exception {
    Path jar = Path.of(System.getProperty("jar.path", "health-service/target/health-service.jar"));
    assertThat(jar).exists();
    int port = Ports.free();
    Path log = Files.createTempFile("fat-jar", ".log");
    ProcessBuilder builder = new ProcessBuilder("bin/health-service").redirectErrorStream(true).redirectOutput(log.toFile())
      .directory(new File(System.getProperty("user.dir")));
    builder.environment().put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
    builder.environment().put("HEALTH_SERVICE_JAR", jar.toAbsolutePath().toString());
    builder.environment().put("HTTP_PORT", Integer.toString(port));
    builder.environment().put("DATABASE_URL", RealServers.DATABASE_URL);
    builder.environment().put("REDIS_URL", RealServers.REDIS_URL);
    builder.environment().put("SHUTDOWN_DRAIN", "0s");
    Process process = builder.start();
    try {
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
      HttpResponse<String> response;
      try {
        response = Eventually.until("/health answering 200", Duration.ofSeconds(20), () -> {
          try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
              .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
          } catch (java.io.IOException notYet) {
            return null; // not listening yet
          }
        }, r -> r != null && r.statusCode() == 200);
      } catch (AssertionError notWithin) {
        throw new AssertionError(notWithin.getMessage() + "; log: " + Files.readString(log), notWithin);
      }
      assertThat(response.statusCode()).as(Files.readString(log)).isEqualTo(200);
      JsonObject body = new JsonObject(response.body());
      assertThat(body.getString("version")).isEqualTo(System.getProperty("expected.version"));
      assertThat(body.getString("status")).isEqualTo("ok");
      // The launcher execs java (same pid) with every option of the image's file but the archive, which is
      // only passed when it was built next to the jar.
      List<String> commandLine = List.of(Files.readString(Path.of("/proc/" + process.pid() + "/cmdline")).split("\0"));
      List<String> shipped = Files.readAllLines(Path.of("deploy/jvm/jvm.options")).stream()
        .filter(line -> !line.isBlank() && !line.startsWith("#") && !line.startsWith("-XX:SharedArchiveFile=")).toList();
      assertThat(shipped).isNotEmpty();
      assertThat(commandLine).containsSubsequence(shipped).contains("-jar");
      assertThat(Files.readString(log)).as("no JVM warning on the user's terminal").doesNotContain("warning", "Warning");

      // The Dockerfile's HEALTHCHECK command, verbatim.
      Tools.require("/usr/bin/curl", "curl");
      ProcessBuilder healthcheck = new ProcessBuilder("sh", "-c",
        "curl -fsS -o /dev/null \"http://127.0.0.1:${HTTP_PORT:-8000}/health/live\" || exit 1");
      healthcheck.environment().put("HTTP_PORT", Integer.toString(port));
      Processes.Result result = Processes.run(healthcheck, 10);
      assertThat(result.exitCode()).as(result.output()).isZero();
    } finally {
      process.destroy();
      boolean exited = process.waitFor(10, TimeUnit.SECONDS);
      if (!exited) {
        process.destroyForcibly(); // never leave a stray service behind
      }
      assertThat(exited).as("exited within 10 s of SIGTERM: " + Files.readString(log)).isTrue();
      assertThat(process.exitValue()).as(Files.readString(log)).isZero();
      Files.deleteIfExists(log);
    }
  }
}
