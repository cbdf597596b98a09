package io.healthservice.lifecycle;

import io.healthservice.config.ConfigReader;
import io.vertx.core.Vertx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Notices a change of the configuration file by polling it, never blocking an event loop: an edit in place, a
 * replaced file, and a Kubernetes ConfigMap update (which swaps the {@code ..data} symlink of the mounted directory
 * and never writes the file) all show as new content. Each poll reads the file's attributes (through symlinks);
 * only new attributes, or every {@value #READ_EVERY}th poll, read its content, whose digest is compared with the
 * last one's. With thousands of checks the file is a megabyte, and reading it every two seconds kept a fresh copy
 * alive for the whole interval, into the old generation. Unchanged content, an unreadable or a missing file trigger
 * nothing (a reload of a missing file would only be refused).
 */
final class ConfigWatch {

  /** Content is read at least this often: an edit within the file system's timestamp granularity keeps the size and time. */
  static final int READ_EVERY = 15;

  private record Seen(Object fileKey, long size, FileTime modified, byte[] digest) {

    boolean sameFile(BasicFileAttributes attributes) {
      return Objects.equals(fileKey, attributes.fileKey()) && size == attributes.size()
        && modified.equals(attributes.lastModifiedTime());
    }
  }

  /** The file the service reads: {@code HEALTH_CONFIG}, or {@code conf/config.yaml} when it exists. */
  static Optional<String> file(Map<String, String> env) {
    String explicit = env.get("HEALTH_CONFIG");
    if (explicit != null && !explicit.isBlank()) {
      return Optional.of(explicit);
    }
    return Files.exists(Path.of(ConfigReader.DEFAULT_PATH)) ? Optional.of(ConfigReader.DEFAULT_PATH) : Optional.empty();
  }

  private final Path path;
  private final AtomicReference<Seen> seen = new AtomicReference<>();
  private final AtomicInteger polls = new AtomicInteger();
  /** A poll still running (a hung network file system) skips the next ones rather than queue them. */
  private final AtomicBoolean polling = new AtomicBoolean();

  ConfigWatch(Path path) {
    this.path = Objects.requireNonNull(path);
  }

  /** Polls the file every {@code everyMillis}; runs {@code changed} when its content differs from the last seen. */
  long start(Vertx vertx, long everyMillis, Runnable changed) {
    // Ticks skip until the first read ends: a poll that read before the baseline existed would take a change for it.
    polling.set(true);
    vertx.executeBlocking(() -> poll(0)).onComplete(ar -> polling.set(false));
    return vertx.setPeriodic(everyMillis, id -> {
      if (polling.compareAndSet(false, true)) {
        vertx.executeBlocking(() -> poll(polls.incrementAndGet()))
          .onComplete(ar -> polling.set(false))
          .onSuccess(differs -> {
            if (differs) {
              changed.run();
            }
          });
      }
    });
  }

  /** Whether the content has been read once: what later polls compare with. */
  boolean hasBaseline() {
    return seen.get() != null;
  }

  /** Periodic polls done so far. */
  int polls() {
    return polls.get();
  }

  /**
   * On a worker: whether the content differs from the last seen (never on the first read, nor on an unreadable file).
   * Poll 0 is the first read; every {@value #READ_EVERY}th reads the content whatever the attributes say.
   */
  boolean poll(int poll) {
    Seen last = seen.get();
    try {
      BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
      if (last != null && last.sameFile(attributes) && poll % READ_EVERY != 0) {
        return false;
      }
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(path));
      Seen next = new Seen(attributes.fileKey(), attributes.size(), attributes.lastModifiedTime(), digest);
      if (poll == 0) {
        seen.compareAndSet(null, next); // the first read, on a context of its own: a later poll may have been first
        return false;
      }
      seen.set(next);
      return last != null && !Arrays.equals(last.digest(), digest);
    } catch (IOException | NoSuchAlgorithmException unreadable) {
      return false;
    }
  }
}
