package io.healthservice.smtp;

import io.healthservice.CheckSettings;
import io.healthservice.spi.CheckDefinition;
import io.healthservice.spi.CheckKind;
import io.healthservice.spi.KindConfig;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * {@code type: smtp}: the greeting, {@code EHLO}, {@code STARTTLS} when asked, {@code QUIT}; never {@code AUTH} or
 * {@code MAIL}. A longer default timeout than other kinds: mail servers often delay their greeting on purpose.
 */
public final class SmtpKind implements CheckKind {

  @Override
  public String type() {
    return "smtp";
  }

  @Override
  public Set<String> keys() {
    return Set.of("url", "url_env", "url_file", "tls_ca_file", "starttls", "require_tls", "helo_name");
  }

  @Override
  public CheckDefinition read(KindConfig config) {
    String url = config.url().orElseThrow(() -> config.error("url", "is required (e.g. smtp://mail:25 or smtps://mail:465)"));
    boolean starttls = config.bool("starttls", false);
    boolean requireTls = config.bool("require_tls", false);
    String helo = config.has("helo_name")
      ? config.check("helo_name", () -> SmtpTarget.requireHeloName(config.string("helo_name", "")))
      : SmtpTarget.defaultHeloName();
    if (starttls && url.trim().toLowerCase(java.util.Locale.ROOT).startsWith("smtps:")) {
      throw config.error("starttls", "is for smtp:// (smtps:// speaks TLS from the start)");
    }
    Optional<String> ca = config.caFile();
    SmtpTarget target = config.check("url", () -> SmtpTarget.parse(url, starttls, requireTls, helo, ca));
    CheckSettings settings = config.settings(true, Duration.ofSeconds(30), Duration.ofSeconds(10));
    String name = config.name();
    return CheckDefinition.of(name, type(), settings, target, (vertx, on) -> new SmtpCheck(vertx, name, on));
  }
}
