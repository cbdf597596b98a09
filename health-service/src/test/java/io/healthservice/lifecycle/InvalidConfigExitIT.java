package io.healthservice.lifecycle;

import io.healthservice.support.ServiceProcess;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A real process with a bad setting: exit code 2 and one line naming the setting, no stack trace. */
class InvalidConfigExitIT {

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(delimiter = '|', value = {
    "HTTP_PORT|abc|HTTP_PORT",
    "HTTP_PORT|-1|HTTP_PORT",
    "DATABASE_URL|mysql://root:TopSecret1@db/app|DATABASE_URL",
    "REDIS_URL|redis://:TopSecret1@cache:6379/notanumber|REDIS_URL",
    "LLM_API_URL|not a url|LLM_API_URL",
    "HEALTH_CONFIG|/nonexistent/config.yaml|HEALTH_CONFIG",
    "FILE|'checks:\n  database:\n    timeout: -1s\n'|checks.database.timeout",
    "FILE|'checks:\n  redis:\n    interval: 0s\n'|checks.redis.interval",
    "FILE|'http:\n  prot: 8000\n'|http.prot",
    "FILE|'checks: [unclosed\n'|HEALTH_CONFIG",
    "HEALTH_SLACK_WEBHOOK_URL|hooks.slack.com/services/T0/B0/TopSecret1|HEALTH_SLACK_WEBHOOK_URL",
    "FILE|'notifications:\n  max_attempts: 0\n'|notifications.max_attempts",
  })
  void exitsWith2NamingTheSetting(String variable, String value, String named, @TempDir Path dir) throws Exception {
    Map<String, String> env = new HashMap<>();
    if (variable.equals("FILE")) {
      Path file = dir.resolve("config.yaml");
      Files.writeString(file, value.replace("\\n", "\n"));
      env.put("HEALTH_CONFIG", file.toString());
    } else {
      env.put(variable, value);
    }
    try (ServiceProcess process = ServiceProcess.start(env)) {
      int code = process.awaitExit(30);
      String output = process.output().strip();
      assertThat(code).as(output).isEqualTo(2);
      assertThat(output.lines()).as(output).hasSize(1);
      assertThat(output).contains(named).doesNotContain("Exception", "\tat ", "TopSecret1");
    }
  }
}
