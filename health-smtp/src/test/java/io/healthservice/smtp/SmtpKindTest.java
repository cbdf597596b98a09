package io.healthservice.smtp;

import io.healthservice.config.ConfigReader;
import io.healthservice.config.ServiceConfig;
import io.healthservice.spi.CheckDefinition;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code type: smtp} as the service reads it: the documented YAML, the defaults, and mistakes named by key. */
class SmtpKindTest {

  private static Vertx vertx;

  @BeforeAll
  static void setUp() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void tearDown() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private static ServiceConfig read(Path dir, String yaml) throws Exception {
    Path file = Files.writeString(dir.resolve("config.yaml"), yaml);
    return ConfigReader.read(vertx, Map.of("HEALTH_CONFIG", file.toString())).toCompletionStage().toCompletableFuture()
      .get(10, TimeUnit.SECONDS);
  }

  private static SmtpTarget target(ServiceConfig config, String name) {
    return (SmtpTarget) config.check(name, CheckDefinition.Single.class).target();
  }

  @Test
  void theDocumentedExample(@TempDir Path dir) throws Exception {
    Path ca = Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n");
    ServiceConfig config = read(dir, """
      checks:
        mail:
          type: smtp
          url: smtp://mail.internal:25
          starttls: true
          tls_ca_file: CA
          helo_name: health.example.com
          critical: false
        mail-submission:
          type: smtp
          url: smtps://mail.internal
      """.replace("CA", ca.toString()));
    SmtpTarget mail = target(config, "mail");
    assertThat(mail).isEqualTo(new SmtpTarget("mail.internal", 25, false, true, false, "health.example.com",
      Optional.of(ca.toString())));
    CheckDefinition.Single submission = config.check("mail-submission", CheckDefinition.Single.class);
    assertThat(target(config, "mail-submission").url()).isEqualTo("smtps://mail.internal:465");
    assertThat(target(config, "mail-submission").heloName()).isEqualTo(SmtpTarget.defaultHeloName());
    assertThat(submission.settings().timeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(submission.settings().interval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.check("mail", CheckDefinition.Single.class).settings().critical()).isFalse();
  }

  @Test
  void mistakesNameTheirKey(@TempDir Path dir) {
    assertThatThrownBy(() -> read(dir, "checks:\n  mail: {type: smtp, url: 'smtps://m', starttls: true}\n"))
      .isInstanceOf(ExecutionException.class).rootCause().hasMessageContaining("checks.mail.starttls");
    assertThatThrownBy(() -> read(dir, "checks:\n  mail: {type: smtp, url: 'smtp://m', helo_name: 'a b'}\n"))
      .rootCause().hasMessageContaining("checks.mail.helo_name");
    assertThatThrownBy(() -> read(dir, "checks:\n  mail: {type: smtp, url: 'smtp://u:hunter2@m'}\n"))
      .rootCause().hasMessageContaining("checks.mail.url").hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> read(dir, "checks:\n  mail: {type: smtp, url: 'smtp://m', password_file: /x}\n"))
      .rootCause().hasMessageContaining("password_file");
  }
}
