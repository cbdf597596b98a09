package io.healthservice.lifecycle;

import io.healthservice.support.Eventually;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The file watch on a real file system, polling every 10 ms: new content is noticed whether the file is replaced,
 * swapped as a ConfigMap does, or edited in place behind unchanged attributes; a touch, a missing file and the
 * same content written again are not changes.
 */
class ConfigWatchTest {

  private static final long EVERY_MS = 10;
  /** Enough polls for a read of the content whatever the attributes say, with room for a slow worker. */
  private static final Duration NOTICED = Duration.ofSeconds(5);
  private final Vertx vertx = Vertx.vertx();
  private final AtomicInteger changes = new AtomicInteger();

  @AfterEach
  void close() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void anEditBehindUnchangedSizeAndTimeIsNoticedByTheContentRead(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("config.yaml"), "checks: {a: 1}\n");
    FileTime time = Files.getLastModifiedTime(file);
    ConfigWatch.start(vertx, file.toString(), EVERY_MS, changes::incrementAndGet);
    idle();
    Files.writeString(file, "checks: {b: 2}\n"); // same size
    Files.setLastModifiedTime(file, time);
    Eventually.until("the edit is noticed", NOTICED, () -> changes.get() == 1);
    idle();
    assertThat(changes).hasValue(1);
  }

  @Test
  void aTouchAMissingFileAndTheSameContentAgainAreNoChange(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("config.yaml"), "checks: {a: 1}\n");
    ConfigWatch.start(vertx, file.toString(), EVERY_MS, changes::incrementAndGet);
    idle();
    Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
    idle();
    Files.delete(file);
    idle();
    Files.writeString(file, "checks: {a: 1}\n");
    idle();
    assertThat(changes).hasValue(0);
    Files.writeString(file, "checks: {a: 1, b: 2}\n");
    Eventually.until("new content is noticed", NOTICED, () -> changes.get() == 1);
  }

  @Test
  void aConfigMapSwapIsOneChange(@TempDir Path dir) throws Exception {
    Path v1 = Files.createDirectory(dir.resolve("..v1"));
    Files.writeString(v1.resolve("config.yaml"), "checks: {a: 1}\n");
    Files.createSymbolicLink(dir.resolve("..data"), v1.getFileName());
    Files.createSymbolicLink(dir.resolve("config.yaml"), Path.of("..data/config.yaml"));
    ConfigWatch.start(vertx, dir.resolve("config.yaml").toString(), EVERY_MS, changes::incrementAndGet);
    idle();
    Path v2 = Files.createDirectory(dir.resolve("..v2"));
    Files.writeString(v2.resolve("config.yaml"), "checks: {a: 2}\n");
    Files.createSymbolicLink(dir.resolve("..data_tmp"), v2.getFileName());
    Files.move(dir.resolve("..data_tmp"), dir.resolve("..data"), StandardCopyOption.ATOMIC_MOVE,
      StandardCopyOption.REPLACE_EXISTING);
    Eventually.until("the swap is noticed", NOTICED, () -> changes.get() == 1);
    idle();
    assertThat(changes).hasValue(1);
  }

  /** Long enough for the baseline read and a few full reads (every {@value ConfigWatch#READ_EVERY}th poll). */
  private static void idle() throws InterruptedException {
    Thread.sleep(EVERY_MS * ConfigWatch.READ_EVERY * 3);
  }
}
