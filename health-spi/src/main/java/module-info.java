/**
 * The service-provider interface of the kinds of check: a kind names its {@code type:}, reads and validates an
 * entry of {@code checks:} through {@link io.healthservice.spi.KindConfig} and builds its checks from a
 * {@link io.healthservice.spi.CheckDefinition}. Kinds are found with {@link java.util.ServiceLoader}; the built-in
 * ones (health-postgres, health-redis, health-http, ...) use exactly this interface. See docs/writing-a-kind.md.
 */
module io.healthservice.spi {
  requires transitive io.healthservice.core;

  exports io.healthservice.spi;
}
