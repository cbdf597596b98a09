package io.healthservice.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The page scripts of src/test/browser and what they run on: node, Debian's chromium and playwright-core (npm ci, as
 * .ci/run does). A missing one fails the test in CI and skips it elsewhere ({@link Tools#require}).
 */
public final class Browser {

  /** Surefire runs in the project's root directory (see the pom); an IDE may run in the module's. */
  public static final Path MODULE = Files.isDirectory(Path.of("health-service/src/test/browser"))
    ? Path.of("health-service") : Path.of("");
  public static final Path SCRIPTS = MODULE.resolve("src/test/browser");
  /** Where the scripts' screenshots land. */
  public static final Path SHOTS = MODULE.resolve("target").toAbsolutePath();

  private final String node;
  private final String chromium;

  private Browser(String node, String chromium) {
    this.node = node;
    this.chromium = chromium;
  }

  public static Browser require() {
    String node = Tools.require("/usr/bin/node", "nodejs");
    String chromium = Tools.require("/usr/bin/chromium", "chromium");
    if (!Files.isDirectory(SCRIPTS.resolve("node_modules/playwright-core"))) {
      Tools.unavailable("playwright-core is missing: run npm ci in health-service/src/test/browser (.ci/run does)");
    }
    return new Browser(node, chromium);
  }

  public String chromium() {
    return chromium;
  }

  /** {@code node <script> <args>}, killed with its browser past {@code deadline}. */
  public Exec.Result run(Duration deadline, String script, List<String> args) {
    List<String> command = new ArrayList<>(List.of(node, SCRIPTS.resolve(script).toString()));
    command.addAll(args);
    return Exec.run(deadline, command);
  }
}
