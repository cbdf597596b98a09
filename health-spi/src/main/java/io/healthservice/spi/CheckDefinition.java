package io.healthservice.spi;

import io.healthservice.CheckSettings;
import io.healthservice.DependencyCheck;
import io.vertx.core.Vertx;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * One validated entry of {@code checks:}, as its kind read it: immutable, and printable without secrets
 * (its {@code toString} goes to the log). It builds its checks only when asked, with the application's Vert.x.
 */
public interface CheckDefinition {

  /** The key under {@code checks:}: the {@code dependencies} entry, {@code /health/{name}}, metrics. */
  String name();

  /** The kind's {@code type:}. */
  String type();

  /** Schedule, time budget and damping. */
  CheckSettings settings();

  /**
   * The names of the checks {@link #build} makes: the entry's own name for a single check, the members'
   * names for a group. Each is a check of its own ({@code /health/{name}}, metrics), so all must be unique.
   */
  default List<String> checkNames() {
    return List.of(name());
  }

  /**
   * Whether the checks form one {@code dependencies} entry named {@link #name()} over several members
   * ({@code llm_services}), down when any is; a group with no member gets no entry.
   */
  default boolean isGroup() {
    return false;
  }

  /** The checks, with no I/O yet. {@code userAgent} is what HTTP-speaking checks call themselves. */
  List<DependencyCheck> build(Vertx vertx, String userAgent);

  /** A single check of {@code type} built by {@code factory}. */
  static CheckDefinition of(String name, String type, CheckSettings settings,
                            Function<Vertx, ? extends DependencyCheck> factory) {
    Objects.requireNonNull(factory, "factory");
    record Single(String name, String type, CheckSettings settings, Function<Vertx, ? extends DependencyCheck> factory)
      implements CheckDefinition {
      @Override
      public List<DependencyCheck> build(Vertx vertx, String userAgent) {
        return List.of(factory.apply(vertx));
      }

      @Override
      public String toString() {
        return type + " check " + name;
      }
    }
    return new Single(Objects.requireNonNull(name, "name"), Objects.requireNonNull(type, "type"),
      Objects.requireNonNull(settings, "settings"), factory);
  }
}
