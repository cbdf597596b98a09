package io.healthservice.lifecycle;

import io.healthservice.config.ConfigReader;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Notices a change of the configuration file by polling its content, never blocking an event loop: an edit in
 * place, a replaced file, and a Kubernetes ConfigMap update (which swaps the {@code ..data} symlink of the
 * mounted directory and never writes the file) all show as new content. Unchanged content, an unreadable or a
 * missing file trigger nothing (a reload of a missing file would only be refused).
 */
final class ConfigWatch {

  private ConfigWatch() {
  }

  /** The file the service reads: {@code HEALTH_CONFIG}, or {@code conf/config.yaml} when it exists. */
  static Optional<String> file(Map<String, String> env) {
    String explicit = env.get("HEALTH_CONFIG");
    if (explicit != null && !explicit.isBlank()) {
      return Optional.of(explicit);
    }
    return Files.exists(Path.of(ConfigReader.DEFAULT_PATH)) ? Optional.of(ConfigReader.DEFAULT_PATH) : Optional.empty();
  }

  /** Polls {@code file} every {@code everyMillis}; runs {@code changed} when its bytes differ from the last seen. */
  static long start(Vertx vertx, String file, long everyMillis, Runnable changed) {
    AtomicReference<byte[]> seen = new AtomicReference<>();
    vertx.fileSystem().readFile(file).onSuccess(bytes -> seen.compareAndSet(null, bytes.getBytes()));
    return vertx.setPeriodic(everyMillis, id -> vertx.fileSystem().readFile(file).onSuccess((Buffer bytes) -> {
      byte[] now = bytes.getBytes();
      byte[] before = seen.getAndSet(now);
      if (before != null && !Arrays.equals(before, now)) {
        changed.run();
      }
    }));
  }
}
