package io.healthservice.lifecycle;

import io.healthservice.support.Eventually;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The file watch on a real file system. Its decisions are tested poll by poll, without timers: new content is
 * noticed whether the file is replaced, swapped as a ConfigMap does, or edited in place behind unchanged attributes
 * (by the periodic read); a touch, a missing file and the same content again are not changes. One test runs the
 * real periodic polls, waiting on what they did; one gives ticks 300 ms to overlap a first read that hangs (a slow
 * host only makes it weaker, never red).
 */
class ConfigWatchTest {

  @Test
  void anEditBehindUnchangedSizeAndTimeIsNoticedByThePeriodicRead(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("config.yaml"), "checks: {a: 1}\n");
    FileTime time = Files.getLastModifiedTime(file);
    ConfigWatch watch = new ConfigWatch(file);
    assertThat(watch.poll(0)).as("the first read is the baseline").isFalse();
    Files.writeString(file, "checks: {b: 2}\n"); // same size
    Files.setLastModifiedTime(file, time);
    for (int poll = 1; poll < ConfigWatch.READ_EVERY; poll++) {
      assertThat(watch.poll(poll)).as("poll %d: the attributes say nothing changed", poll).isFalse();
    }
    assertThat(watch.poll(ConfigWatch.READ_EVERY)).as("the periodic read").isTrue();
    assertThat(watch.poll(ConfigWatch.READ_EVERY * 2)).as("told once").isFalse();
  }

  @Test
  void aTouchAMissingFileAndTheSameContentAgainAreNoChange(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("config.yaml"), "checks: {a: 1}\n");
    ConfigWatch watch = new ConfigWatch(file);
    watch.poll(0);
    Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
    assertThat(watch.poll(1)).as("touched").isFalse();
    Files.delete(file);
    assertThat(watch.poll(2)).as("missing").isFalse();
    Files.writeString(file, "checks: {a: 1}\n");
    assertThat(watch.poll(3)).as("the same content again").isFalse();
    Files.writeString(file, "checks: {a: 1, b: 2}\n");
    assertThat(watch.poll(4)).as("new content").isTrue();
  }

  @Test
  void aLateFirstReadNeverReplacesTheBaselineAPollAlreadySet(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("config.yaml"), "checks: {a: 1}\n");
    ConfigWatch watch = new ConfigWatch(file);
    watch.poll(1); // a periodic poll ran before the first read did: its content is the baseline
    Files.writeString(file, "checks: {a: 1, b: 2}\n"); // another size: no reliance on the clock's granularity
    assertThat(watch.poll(0)).as("the late first read tells nothing").isFalse();
    assertThat(watch.poll(2)).as("the change it saw is still told").isTrue();
    assertThat(watch.poll(3)).as("told once").isFalse();
  }

  @Test
  void noPeriodicPollRunsBeforeTheFirstReadEnds(@TempDir Path dir) throws Exception {
    Path fifo = dir.resolve("config.yaml"); // reading a FIFO blocks until a writer comes: a first read that hangs
    assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor(5, TimeUnit.SECONDS)).isTrue();
    Vertx vertx = Vertx.vertx();
    try {
      ConfigWatch watch = new ConfigWatch(fifo);
      long timer = watch.start(vertx, 10, () -> { });
      Thread.sleep(300); // thirty ticks: each would poll, and hang on the FIFO too, were it not skipped
      vertx.cancelTimer(timer);
      assertThat(watch.polls()).as("periodic polls while the first read hangs").isZero();
      assertThat(watch.hasBaseline()).isFalse();
      Files.writeString(fifo, "checks: {a: 1}\n"); // the writer the first read waits for
      Eventually.until("the first read", Duration.ofSeconds(5), watch::hasBaseline);
    } finally {
      // A writer that never blocks (read-write on Linux): a first read still waiting, on an assertion's failure, ends.
      new RandomAccessFile(fifo.toFile(), "rw").close();
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void aConfigMapSwapIsOneChangeOfThePeriodicPolls(@TempDir Path dir) throws Exception {
    Path v1 = Files.createDirectory(dir.resolve("..v1"));
    Files.writeString(v1.resolve("config.yaml"), "checks: {a: 1}\n");
    Files.createSymbolicLink(dir.resolve("..data"), v1.getFileName());
    Files.createSymbolicLink(dir.resolve("config.yaml"), Path.of("..data/config.yaml"));
    Vertx vertx = Vertx.vertx();
    try {
      AtomicInteger changes = new AtomicInteger();
      ConfigWatch watch = new ConfigWatch(dir.resolve("config.yaml"));
      watch.start(vertx, 10, changes::incrementAndGet);
      Eventually.until("the first read", Duration.ofSeconds(5), watch::hasBaseline);
      Path v2 = Files.createDirectory(dir.resolve("..v2"));
      Files.writeString(v2.resolve("config.yaml"), "checks: {a: 2}\n");
      Files.createSymbolicLink(dir.resolve("..data_tmp"), v2.getFileName());
      Files.move(dir.resolve("..data_tmp"), dir.resolve("..data"), StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
      Eventually.until("the swap is noticed", Duration.ofSeconds(5), () -> changes.get() == 1);
      int after = watch.polls();
      Eventually.until("a periodic read since", Duration.ofSeconds(5), () -> watch.polls() > after + ConfigWatch.READ_EVERY);
      assertThat(changes).as("told once").hasValue(1);
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }
}
