package io.healthservice.packaging;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Notifications, the config reader, the metrics, the status pages, the service and the example are applications of the library: they use only what health-core's module-info
 * exports, never {@code io.healthservice.impl.*} (which the class path would let them reach).
 */
class ApiBoundaryTest {

  @Test
  void noApplicationOfTheLibraryReachesIntoItsInternals() throws IOException {
    List<String> offenders;
    try (Stream<Path> files = Stream.of("health-notify/src/main/java", "health-config/src/main/java", "health-metrics/src/main/java",
        "health-status/src/main/java", "health-service/src/main/java", "health-example/src/main/java")
        .map(Path::of).flatMap(ApiBoundaryTest::javaFiles)) {
      offenders = files.filter(f -> read(f).contains("io.healthservice.impl.")).map(Path::toString).toList();
    }
    assertThat(offenders).isEmpty();
    // health-grpc is a library of ours beside health-core: only the package health-core exports to it.
    try (Stream<Path> files = javaFiles(Path.of("health-grpc/src/main/java"))) {
      offenders = files.filter(f -> read(f).replace("io.healthservice.impl.checks.", "").contains("io.healthservice.impl."))
        .map(Path::toString).toList();
    }
    assertThat(offenders).isEmpty();
  }

  @Test
  void theLibraryExportsOnlyItsApiPackages() throws IOException {
    String moduleInfo = Files.readString(Path.of("health-core/src/main/java/module-info.java"));
    assertThat(moduleInfo).contains("exports io.healthservice;")
      .doesNotContainPattern("exports io\\.healthservice\\.impl[\\w.]*;")
      .contains("exports io.healthservice.impl.checks to io.healthservice.grpc;");
  }

  @Test
  void notificationsExportOnlyTheirApi() throws IOException {
    String moduleInfo = Files.readString(Path.of("health-notify/src/main/java/module-info.java"));
    assertThat(moduleInfo).contains("exports io.healthservice.notify;").doesNotContain("exports io.healthservice.notify.impl");
  }

  @Test
  void theStatusPagesExportOnlyTheirApi() throws IOException {
    String moduleInfo = Files.readString(Path.of("health-status/src/main/java/module-info.java"));
    assertThat(moduleInfo).contains("exports io.healthservice.status;").doesNotContain("exports io.healthservice.status.impl");
    // The core knows nothing of history or the pages.
    try (Stream<Path> files = javaFiles(Path.of("health-core/src/main/java"))) {
      assertThat(files.filter(f -> read(f).contains("io.healthservice.status")).map(Path::toString).toList()).isEmpty();
    }
  }

  private static Stream<Path> javaFiles(Path root) {
    try {
      return Files.walk(root).filter(p -> p.toString().endsWith(".java")).toList().stream();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
