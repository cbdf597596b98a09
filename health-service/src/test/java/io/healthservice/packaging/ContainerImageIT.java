package io.healthservice.packaging;

import io.healthservice.support.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The repository's Dockerfile built with podman and the image run for real (issue 30, item 5), by
 * deploy/container-test.sh: against this machine's Postgres and Redis, then docker-compose.yml with
 * podman-compose. The base images are stand-ins built from Debian's packages under the names the Dockerfile
 * and Compose use: this checks the Dockerfile's logic and the service in a container, not the upstream
 * base images. The script's whole output is printed (the failsafe report's -output.txt) and is the
 * message of any failure.
 */
class ContainerImageIT {

  /**
   * Measured on a shared 2-core machine: cold (empty CONTAINER_TEST_CACHE: mmdebstrap, the stand-ins' apt
   * installs, Maven downloading every dependency) 566 s at load 5-9, 13.5 min at load 15; warm about 2-3 min.
   * A deadline for hangs, not a budget.
   */
  private static final long DEADLINE_SECONDS = 900;
  /** What the script's cleanup (containers, network, its podman store) may take after a SIGTERM. */
  private static final long CLEANUP_SECONDS = 120;

  @Test
  @Timeout(value = DEADLINE_SECONDS + CLEANUP_SECONDS + 30, unit = TimeUnit.SECONDS) // not the suite's 60 s default
  void theDockerfileBuildsAndItsImageRunsAsDocumented() throws Exception {
    Tools.require("/usr/bin/podman", "podman");
    Tools.require("/usr/bin/podman-compose", "podman-compose");
    Tools.require("/usr/bin/mmdebstrap", "mmdebstrap");
    Tools.require("/usr/bin/curl", "curl");
    ProcessBuilder script = new ProcessBuilder("bash", Path.of("deploy/container-test.sh").toAbsolutePath().toString());
    Path log = Files.createTempFile("container-test", ".out");
    int exitCode;
    String output;
    try {
      exitCode = run(script, log);
      output = Files.readString(log, StandardCharsets.UTF_8);
    } finally {
      System.out.println(Files.readString(log, StandardCharsets.UTF_8));
      Files.deleteIfExists(log);
    }
    if (exitCode == 77) {
      // The reason is the SKIP line (the cleanup's "done in" line comes after it).
      String why = output.lines().filter(line -> line.contains("SKIP:")).reduce((first, last) -> last)
        .orElse(output.strip().lines().reduce((first, last) -> last).orElse("no output"));
      Tools.unavailable(why);
    }
    assertThat(exitCode).as("deploy/container-test.sh exit code; its output:\n" + output).isZero();
    assertThat(output).as(output)
      .contains("ok: the Dockerfile builds")
      .contains("ok: /health 200 from the container")
      .contains("ok: java runs with every option of deploy/jvm/jvm.options")
      .contains("ok: the process runs as uid 10001")
      .contains("ok: HEALTHCHECK passes")
      .contains("ok: HEALTHCHECK fails when /health/live does not answer at its address")
      .contains("ok: SIGTERM: readiness 503 during the drain, exit 0 within the stop timeout")
      .contains("ok: Compose's postgres healthy", "ok: Compose's redis healthy", "ok: Compose's health-service healthy")
      .contains("ok: the service is healthy beside Compose's Postgres and Redis")
      .contains("ok: Compose's service stops with exit 0 within its stop_grace_period")
      .contains("ok: podman-compose down: no container, volume or network left")
      .contains("not the upstream base images");
  }

  /**
   * Runs the script to its end, or to the deadline. On every other way out (the deadline, an interrupt) it
   * gets SIGTERM, and so does everything it started (a SIGTERM only reaches bash's trap once its foreground
   * command has ended): its trap then removes the run's containers, network and podman store; SIGKILL after
   * {@link #CLEANUP_SECONDS}.
   */
  private static int run(ProcessBuilder builder, Path log) throws IOException, InterruptedException {
    Process process = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
    boolean finished = false;
    try {
      finished = process.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS);
      assertThat(finished).as("deploy/container-test.sh did not end within " + DEADLINE_SECONDS + " s").isTrue();
      return process.exitValue();
    } finally {
      if (!finished && process.isAlive()) {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(CLEANUP_SECONDS, TimeUnit.SECONDS)) {
          process.descendants().forEach(ProcessHandle::destroyForcibly);
          process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      }
    }
  }
}
