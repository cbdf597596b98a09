package io.healthservice.postgres;

import io.healthservice.CheckSettings;
import io.healthservice.DependencyCheck;
import io.healthservice.kit.Target;
import io.healthservice.postgres.impl.PostgresUrls;
import io.healthservice.spi.CheckDefinition;
import io.healthservice.spi.CheckKind;
import io.healthservice.spi.KindConfig;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** {@code type: postgres}: {@code checks.database} by default, with its historical {@code DATABASE_*} variables. */
public final class PostgresKind implements CheckKind {

  /** Where the default entry connects when no URL is given. */
  public static final String DEFAULT_URL = "postgresql://postgres@localhost:5432/postgres";

  @Override
  public String type() {
    return "postgres";
  }

  @Override
  public Set<String> keys() {
    return Set.of("url", "url_env", "url_file", "password_file", "expect_writable", "max_connection_age");
  }

  @Override
  public Optional<DefaultEntry> defaultEntry() {
    return Optional.of(new DefaultEntry("database", 0, "DATABASE", Set.of("url")));
  }

  @Override
  public CheckDefinition read(KindConfig config) {
    boolean mustBeWritable = config.bool("expect_writable", false);
    String url = config.url().or(() -> config.isDefaultEntry() ? Optional.of(DEFAULT_URL) : Optional.empty())
      .orElseThrow(() -> config.error("url", "is required (e.g. postgresql://user@host:5432/database)"));
    config.check("url", () -> PostgresUrls.validate(url));
    CheckSettings settings = config.settings(true, Duration.ofSeconds(5), Duration.ofSeconds(2));
    Target target = new Target(url, config.password(), PostgresUrls.rootCert(url),
      config.duration("max_connection_age", Target.DEFAULT_MAX_CONNECTION_AGE, true));
    return new Definition(config.name(), target, settings, mustBeWritable);
  }

  /**
   * A {@code type: postgres} entry. Prints without secrets: {@link Target} masks its own.
   *
   * @param mustBeWritable report the database down when it is a read-only server or a replica in recovery
   */
  public record Definition(String name, Target target, CheckSettings settings, boolean mustBeWritable)
    implements CheckDefinition {

    public Definition {
      Objects.requireNonNull(name);
      Objects.requireNonNull(target);
      Objects.requireNonNull(settings);
    }

    @Override
    public String type() {
      return "postgres";
    }

    @Override
    public List<DependencyCheck> build(Vertx vertx, String userAgent) {
      return List.of(new DatabaseCheck(vertx, name, target, mustBeWritable));
    }
  }
}
