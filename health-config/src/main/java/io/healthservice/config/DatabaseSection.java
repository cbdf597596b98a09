package io.healthservice.config;

import io.healthservice.CheckSettings;
import io.healthservice.checks.Target;

import java.time.Duration;

/** Reads a {@code type: postgres} entry ({@code checks.database} by default): its URL, credentials and settings. */
final class DatabaseSection {

  static final String DEFAULT_URL = "postgresql://postgres@localhost:5432/postgres";

  private DatabaseSection() {
  }

  /** @param seed the historical {@code checks.database}: a default URL and the {@code DATABASE_*} variables */
  static DatabaseOptions read(CheckEntry entry, boolean seed) {
    entry.allowOnly("url", "url_env", "url_file", "password_file", "expect_writable", "max_connection_age");
    boolean mustBeWritable = entry.node().bool("expect_writable", false);
    String url = entry.url(seed ? DEFAULT_URL : null, "postgresql://user@host:5432/database", UrlRules::postgres);
    CheckSettings settings = entry.settings(true, Duration.ofSeconds(5), Duration.ofSeconds(2));
    Target target = new Target(url, entry.password(), UrlRules.postgresRootCert(url), entry.connectionAge());
    return new DatabaseOptions(entry.name(), target, settings, mustBeWritable);
  }
}
