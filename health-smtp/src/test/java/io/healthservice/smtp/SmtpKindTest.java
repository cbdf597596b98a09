package io.healthservice.smtp;

import io.healthservice.CheckSettings;
import io.healthservice.spi.CheckDefinition;
import io.healthservice.spi.KindConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code type: smtp} read from an entry: defaults, keys, and mistakes named by their key. (The service's own reader,
 * health-config, is not a dependency of this module; an entry here is a map behind {@link KindConfig}.)
 */
class SmtpKindTest {

  /** An entry {@code checks.mail} of the given keys, with KindConfig's rules reduced to what the kind calls. */
  private record Entry(Map<String, Object> keys) implements KindConfig {

    @Override public String name() { return "mail"; }
    @Override public boolean isDefaultEntry() { return false; }
    @Override public String path(String key) { return "checks.mail." + key; }
    @Override public boolean has(String key) { return keys.containsKey(key); }
    @Override public Object raw(String key) { return keys.get(key); }
    @Override public String string(String key, String def) { return keys.containsKey(key) ? keys.get(key).toString() : def; }
    @Override public int integer(String key, int def) { return keys.containsKey(key) ? (Integer) keys.get(key) : def; }
    @Override public boolean bool(String key, boolean def) { return keys.containsKey(key) ? (Boolean) keys.get(key) : def; }
    @Override public Duration duration(String key, Duration def, boolean zeroAllowed) { return def; }
    @Override public Optional<String> url() { return Optional.ofNullable((String) keys.get("url")); }
    @Override public Optional<String> secret(String key) { return Optional.empty(); }
    @Override public Optional<String> secretVariable(String variable) { return Optional.empty(); }
    @Override public Optional<String> variable(String variable) { return Optional.empty(); }
    @Override public Optional<String> password() { return Optional.empty(); }
    @Override public Optional<String> caFile() { return Optional.ofNullable((String) keys.get("tls_ca_file")); }
    @Override public List<KindConfig> list(String key) { return List.of(); }
    @Override public void allowOnly(Set<String> allowed) { }
    @Override public RuntimeException variableError(String variable, String problem) { return new IllegalStateException(variable + " " + problem); }

    @Override
    public RuntimeException error(String key, String problem) {
      return new IllegalStateException(path(key) + " " + problem);
    }

    @Override
    public CheckSettings settings(boolean critical, Duration interval, Duration timeout) {
      return new CheckSettings(critical, interval, timeout, interval.multipliedBy(3), 1, 1, CheckSettings.DEFAULT_CERTIFICATE_WARNING);
    }
  }

  private static SmtpTarget read(Map<String, Object> keys) {
    CheckDefinition definition = new SmtpKind().read(new Entry(keys));
    return (SmtpTarget) ((CheckDefinition.Single<?>) definition).target();
  }

  @Test
  void keysAndDefaults() {
    assertThat(new SmtpKind().type()).isEqualTo("smtp");
    assertThat(new SmtpKind().keys()).containsExactlyInAnyOrder("url", "url_env", "url_file", "tls_ca_file", "starttls",
      "require_tls", "helo_name");
    assertThat(read(Map.of("url", "smtp://mail.internal", "starttls", true, "tls_ca_file", "/etc/ca.pem",
      "helo_name", "health.example.com")))
      .isEqualTo(new SmtpTarget("mail.internal", 25, false, true, false, "health.example.com", Optional.of("/etc/ca.pem")));
    SmtpTarget submission = read(Map.of("url", "smtps://mail.internal"));
    assertThat(submission.url()).isEqualTo("smtps://mail.internal:465");
    assertThat(submission.heloName()).isEqualTo(SmtpTarget.defaultHeloName());
    CheckDefinition definition = new SmtpKind().read(new Entry(Map.of("url", "smtp://m")));
    assertThat(definition.settings().timeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(definition.settings().interval()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void mistakesNameTheirKey() {
    assertThatThrownBy(() -> read(Map.of())).hasMessageStartingWith("checks.mail.url is required");
    assertThatThrownBy(() -> read(Map.of("url", "smtps://m", "starttls", true))).hasMessageStartingWith("checks.mail.starttls");
    assertThatThrownBy(() -> read(Map.of("url", "smtp://m", "helo_name", "a b"))).hasMessageStartingWith("checks.mail.helo_name");
    assertThatThrownBy(() -> read(Map.of("url", "smtp://u:hunter2@m")))
      .hasMessageStartingWith("checks.mail.url").hasMessageNotContaining("hunter2");
  }
}
