package io.healthservice.support;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The service as a real JVM process (what {@code java -jar} runs), for exit codes and signals. */
public final class ServiceProcess implements AutoCloseable {

  private final Process process;
  private final Path stderr;

  private ServiceProcess(Process process, Path stderr) {
    this.process = process;
    this.stderr = stderr;
  }

  public static ServiceProcess start(Map<String, String> env) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
      "io.healthservice.lifecycle.Main"));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().keySet().removeIf(k -> k.startsWith("HTTP_") || k.endsWith("_URL") || k.startsWith("LLM_")
      || k.startsWith("HEALTH_") || k.equals("SERVICE_NAME") || k.equals("SHUTDOWN_DRAIN"));
    builder.environment().putAll(env);
    Path err = Files.createTempFile("health-service", ".stderr");
    builder.redirectErrorStream(true).redirectOutput(err.toFile());
    builder.directory(new File(System.getProperty("user.dir")));
    return new ServiceProcess(builder.start(), err);
  }

  public Process process() {
    return process;
  }

  /** Waits for the exit code, or fails after {@code seconds}. */
  public int awaitExit(long seconds) throws InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("process did not exit within " + seconds + " s; output: " + output());
    }
    return process.exitValue();
  }

  /** Everything the process printed (stdout and stderr). */
  public String output() {
    try {
      return Files.readString(stderr, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  @Override
  public void close() throws IOException {
    process.destroyForcibly();
    Files.deleteIfExists(stderr);
  }
}
