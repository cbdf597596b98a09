package io.healthservice;

import io.vertx.core.Future;

import java.util.Objects;
import java.util.function.Supplier;

/** {@link DependencyCheck#of}: a name and a function; nothing to reset or close. */
final class SimpleCheck implements DependencyCheck {

  private final String name;
  private final String componentType;
  private final Supplier<? extends Future<?>> ping;

  SimpleCheck(String name, String componentType, Supplier<? extends Future<?>> ping) {
    this.name = Objects.requireNonNull(name, "name");
    this.componentType = componentType;
    this.ping = Objects.requireNonNull(ping, "ping");
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String componentType() {
    return componentType;
  }

  @Override
  public Future<Void> ping(CheckContext context) {
    return Objects.requireNonNull(ping.get(), "ping returned null").mapEmpty();
  }
}
