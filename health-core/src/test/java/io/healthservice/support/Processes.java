package io.healthservice.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/** Child processes with a deadline on every wait: a stuck tool fails its test instead of hanging the build. */
public final class Processes {

  private Processes() {
  }

  /** What a finished command printed (stdout and stderr) and its exit code. */
  public record Result(int exitCode, String output) {
  }

  /** Runs {@code builder} to completion; kills it and fails after {@code seconds}. */
  public static Result run(ProcessBuilder builder, long seconds) throws IOException, InterruptedException {
    // Output goes to a file, not a pipe: a chatty process can never block on a full pipe buffer.
    Path output = Files.createTempFile("process", ".out");
    try {
      Process process = builder.redirectErrorStream(true).redirectOutput(output.toFile()).start();
      if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        fail(String.join(" ", builder.command()) + " did not exit within " + seconds + " s; output: " + read(output));
      }
      return new Result(process.exitValue(), read(output));
    } finally {
      Files.deleteIfExists(output);
    }
  }

  private static String read(Path file) throws IOException {
    return new String(Files.readAllBytes(file), StandardCharsets.UTF_8); // lenient: tools may print anything
  }

  /** SIGTERM, then SIGKILL if the process is still there after 5 s. */
  public static void stop(Process process) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
  }
}
