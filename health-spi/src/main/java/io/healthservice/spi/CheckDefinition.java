package io.healthservice.spi;

import io.healthservice.CheckSettings;
import io.healthservice.DependencyCheck;
import io.vertx.core.Vertx;

import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;

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

  /**
   * A single check of {@code type} on {@code target}, built by {@code factory}. Two such definitions are equal when
   * name, type, settings and target are: a reload keeps the running check of an unchanged entry (its state and
   * connection), so give the target a value's equality (a record) and build the same check from equal targets.
   */
  static <T> Single<T> of(String name, String type, CheckSettings settings, T target,
                          BiFunction<Vertx, ? super T, ? extends DependencyCheck> factory) {
    return new Single<>(name, type, settings, target, factory);
  }

  /**
   * {@link #of(String, String, CheckSettings, Object, BiFunction)}: one check on a target. Prints as its target
   * does (give the target a {@code toString} without secrets).
   */
  record Single<T>(String name, String type, CheckSettings settings, T target,
                   BiFunction<Vertx, ? super T, ? extends DependencyCheck> factory) implements CheckDefinition {

    public Single {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(settings, "settings");
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(factory, "factory");
    }

    @Override
    public List<DependencyCheck> build(Vertx vertx, String userAgent) {
      return List.of(factory.apply(vertx, target));
    }

    /** The factory does not count: equal targets make the same check. */
    @Override
    public boolean equals(Object other) {
      return other instanceof Single<?> that && name.equals(that.name) && type.equals(that.type)
        && settings.equals(that.settings) && target.equals(that.target);
    }

    @Override
    public int hashCode() {
      return Objects.hash(name, type, settings, target);
    }

    @Override
    public String toString() {
      return type + " check " + name + " " + target + " " + settings;
    }
  }
}
