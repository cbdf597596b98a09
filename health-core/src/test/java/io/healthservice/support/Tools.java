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
    return unavailable(Path.of(path).getFileName() + " is missing: install Debian package " + debianPackage
      + " (.ci/run does)", env);
  }

  /**
   * A tool that is installed but cannot run on this machine (podman without the privileges it needs, ...):
   * fails with {@code why} on CI (env CI=true), aborts the test elsewhere.
   */
  public static <T> T unavailable(String why) {
    return unavailable(why, System.getenv());
  }

  static <T> T unavailable(String why, Map<String, String> env) {
    if ("true".equalsIgnoreCase(env.get("CI"))) {
      fail(why);
    }
    return Assumptions.abort(why);
  }
}
