package io.healthservice.support;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * External tools some tests run (haproxy, promtool, ...). CI installs them, so there a missing tool is a
 * broken setup and fails the test; on a developer machine without it the test is aborted (skipped).
 */
public final class Tools {

  private Tools() {
  }

  /** {@code path} if it is executable; otherwise fails (env CI=true) or aborts the test. */
  public static String require(String path, String debianPackage) {
    return require(path, debianPackage, System.getenv());
  }

  static String require(String path, String debianPackage, Map<String, String> env) {
    if (Files.isExecutable(Path.of(path))) {
      return path;
    }
    String message = Path.of(path).getFileName() + " is missing: install Debian package " + debianPackage
      + " (.ci/run does)";
    if ("true".equalsIgnoreCase(env.get("CI"))) {
      fail(message);
    }
    return Assumptions.abort(message);
  }
}
