package io.healthservice.example.kind;

import io.healthservice.CheckSettings;
import io.healthservice.spi.CheckDefinition;
import io.healthservice.spi.CheckKind;
import io.healthservice.spi.KindConfig;

import java.time.Duration;
import java.util.Set;

/**
 * {@code type: disk}: the free space of the file system that holds {@code path}, down below {@code min_free_mb}.
 * A kind of check in a jar of its own: listed in {@code META-INF/services/io.healthservice.spi.CheckKind}.
 */
// tag::kind[]
public final class DiskKind implements CheckKind {

  @Override
  public String type() {
    return "disk";
  }

  @Override
  public Set<String> keys() {
    return Set.of("path", "min_free_mb");
  }

  @Override
  public CheckDefinition read(KindConfig config) {
    String path = config.string("path", null);
    if (path == null || !path.startsWith("/")) {
      throw config.error("path", "is required: an absolute path (e.g. /var/lib/postgresql)");
    }
    int minFreeMb = config.integer("min_free_mb", 100);
    if (minFreeMb < 1) {
      throw config.error("min_free_mb", "must be at least 1, got " + minFreeMb);
    }
    CheckSettings settings = config.settings(true, Duration.ofSeconds(30), Duration.ofSeconds(2));
    String name = config.name();
    return CheckDefinition.of(name, type(), settings, new Disk(path, minFreeMb),
      (vertx, disk) -> new DiskCheck(vertx, name, disk.path(), disk.minFreeMb()));
  }

  /** What a disk check watches: equal values make the same check, so a reload keeps an unchanged one running. */
  record Disk(String path, int minFreeMb) {
  }
}
// end::kind[]
