package io.healthservice.example.kind;

import io.healthservice.CheckContext;
import io.healthservice.CheckFailure;
import io.healthservice.DependencyCheck;
import io.healthservice.FailureKind;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.file.FileSystemException;

import java.util.Objects;

/** Free space under a path, read without blocking (Vert.x's file system runs the call on a worker). */
// tag::check[]
final class DiskCheck implements DependencyCheck {

  private static final long MB = 1024 * 1024;

  private final Vertx vertx;
  private final String name;
  private final String path;
  private final int minFreeMb;

  DiskCheck(Vertx vertx, String name, String path, int minFreeMb) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.name = Objects.requireNonNull(name, "name");
    this.path = Objects.requireNonNull(path, "path");
    this.minFreeMb = minFreeMb;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String target() {
    return path;
  }

  @Override
  public String componentType() {
    return "system";
  }

  @Override
  public Future<Void> ping(CheckContext context) {
    return vertx.fileSystem().fsProps(path)
      .recover(e -> Future.failedFuture(new CheckFailure(FailureKind.ERROR,
        e instanceof FileSystemException ? "cannot read the file system of the path" : "unexpected error")))
      .compose(props -> {
        long freeMb = props.usableSpace() / MB;
        return freeMb >= minFreeMb ? Future.succeededFuture()
          : Future.failedFuture(new CheckFailure(FailureKind.ERROR,
            "low disk space: " + freeMb + " MB free, at least " + minFreeMb + " MB expected"));
      });
  }
}
// end::check[]
