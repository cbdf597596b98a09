package io.healthservice.lifecycle;

import io.healthservice.support.Eventually;
import io.healthservice.support.Ports;
import io.healthservice.support.ServiceProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A line is logged once per change, never per run: with an MQTT check against the machine's Mosquitto running every
 * 500 ms (its client logged "Connection with ... established successfully" at INFO on every run), only the
 * service's own {@code health.*} lines appear at INFO.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class QuietLogsIT {

  @Test
  void noClientLibraryLogsAnInfoLinePerRun(@TempDir Path dir) throws Exception {
    Path config = Files.writeString(dir.resolve("config.yaml"), "checks:\n  database: {enabled: false}\n"
      + "  redis: {enabled: false}\n  broker: {type: mqtt, url: 'mqtt://127.0.0.1:1883', interval: 500ms}\n");
    int port = Ports.free();
    try (ServiceProcess process = ServiceProcess.start(Map.of("HTTP_PORT", Integer.toString(port), "HTTP_HOST",
      "127.0.0.1", "HEALTH_CONFIG", config.toString()))) {
      Eventually.until("the mqtt check ok", Duration.ofSeconds(20), () -> process.output().contains("check=broker from=pending to=ok"));
      Thread.sleep(2500); // five more runs
      List<String> foreignInfo = process.output().lines().filter(l -> l.contains(" INFO ") && !l.contains(" INFO health."))
        .toList();
      assertThat(foreignInfo).as(process.output()).isEmpty();
    }
  }
}
