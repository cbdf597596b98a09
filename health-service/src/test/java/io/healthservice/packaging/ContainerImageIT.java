package io.healthservice.packaging;

import io.healthservice.support.Processes;
import io.healthservice.support.Tools;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

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

  /** Cold (no cached stand-ins) 13.5 min on a 2-core machine at load 15, warm a few; a deadline for hangs. */
  private static final long DEADLINE_SECONDS = 900;

  @Test
  void theDockerfileBuildsAndItsImageRunsAsDocumented() throws Exception {
    Tools.require("/usr/bin/podman", "podman");
    Tools.require("/usr/bin/podman-compose", "podman-compose");
    Tools.require("/usr/bin/mmdebstrap", "mmdebstrap");
    Tools.require("/usr/bin/curl", "curl");
    ProcessBuilder script = new ProcessBuilder("bash", Path.of("deploy/container-test.sh").toAbsolutePath().toString());
    Processes.Result result = Processes.run(script, DEADLINE_SECONDS);
    System.out.println(result.output());
    String output = result.output();
    if (result.exitCode() == 77) {
      String why = output.strip().lines().reduce((first, last) -> last).orElse("no output");
      Tools.unavailable(why);
    }
    assertThat(result.exitCode()).as("deploy/container-test.sh exit code; its output:\n" + output).isZero();
    assertThat(output).as(output)
      .contains("ok: the Dockerfile builds")
      .contains("ok: /health 200 from the container")
      .contains("ok: java runs with every option of deploy/jvm/jvm.options")
      .contains("ok: the process runs as uid 10001")
      .contains("ok: HEALTHCHECK passes")
      .contains("ok: HEALTHCHECK fails when /health/live does not answer at its address")
      .contains("ok: SIGTERM: readiness 503 during the drain, exit 0 within the stop timeout")
      .contains("ok: Compose's postgres healthy", "ok: Compose's redis healthy", "ok: Compose's health-service healthy")
      .contains("ok: podman-compose down: no container, volume or network left")
      .contains("not the upstream base images");
  }
}
