package io.healthservice.config;

import io.healthservice.CheckSettings;
import io.healthservice.checks.Target;

import java.time.Duration;
import java.util.Optional;

/** Reads {@code checks.database}: the PostgreSQL URL, its credentials and the check's settings. */
final class DatabaseSection {

  static final String DEFAULT_URL = "postgresql://postgres@localhost:5432/postgres";

  private DatabaseSection() {
  }

  static DatabaseOptions read(TypedReader db, SecretResolver secrets) {
    db.allowOnly(CheckSettingsReader.withSettings("url", "password_file", "expect_writable", "max_connection_age"));
    boolean mustBeWritable = db.bool("expect_writable", false);
    Optional<String> urlFromFile = secrets.urlFile("DATABASE_URL");
    String url = UrlRules.postgres(urlFromFile.orElseGet(() -> db.string("url", DEFAULT_URL)),
      urlFromFile.isPresent() ? "DATABASE_URL_FILE" : db.setting("url"));
    Optional<String> password = secrets.password(db, "DATABASE_PASSWORD");
    CheckSettings settings = CheckSettingsReader.read(db, true, Duration.ofSeconds(5), Duration.ofSeconds(2));
    Duration connectionAge = CheckSettingsReader.connectionAge(db);
    Target target = new Target(url, password, UrlRules.postgresRootCert(url), connectionAge);
    return new DatabaseOptions(target, settings, mustBeWritable);
  }
}
