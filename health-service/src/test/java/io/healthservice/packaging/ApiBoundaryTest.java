package io.healthservice.packaging;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kinds of check, notifications, the config reader, the metrics, the status pages, the service and the examples are applications of the
 * core: they use only what health-core's module-info exports, never {@code io.healthservice.impl.*} (which the class path
 * would let them reach); and the core exports its API and the kinds' interface, nothing else, to no one in particular.
 */
class ApiBoundaryTest {

  /** Every module of ours that builds on health-core: none may name its internals (the class path would let them). */
  private static final List<String> ON_THE_CORE = List.of("health-spi", "health-kit", "health-http", "health-postgres", "health-redis",
    "health-mysql", "health-rabbitmq", "health-mqtt", "health-nats", "health-memcached", "health-kafka", "health-smtp", "health-mongodb", "health-grpc", "health-notify", "health-maintenance", "health-config", "health-metrics",
    "health-status", "health-history-pg", "health-service", "health-kind-example", "health-example");

  /** The library modules with a module-info.java. */
  private static final List<String> NAMED_MODULES = List.of("health-core", "health-spi", "health-kit", "health-http", "health-postgres",
    "health-redis", "health-mysql", "health-rabbitmq", "health-mqtt", "health-nats", "health-memcached", "health-kafka", "health-smtp", "health-mongodb", "health-notify", "health-maintenance", "health-metrics", "health-status", "health-history-pg");

  /**
   * What health-core exports today (public types, nested included), so that the API does not grow unnoticed. Issue 29
   * asks for at most {@value #API_TARGET}: see {@link #theCoreApiIsAtMostTwentyTypes()}.
   */
  private static final List<String> CORE_API = List.of("io.healthservice.CertificateExpiry", "io.healthservice.CheckContext",
    "io.healthservice.CheckFailure", "io.healthservice.CheckSettings", "io.healthservice.CheckState",
    "io.healthservice.CheckState$Reported", "io.healthservice.CheckWarning", "io.healthservice.ClientCheck",
    "io.healthservice.DependencyCheck", "io.healthservice.DependencyGroup", "io.healthservice.DetailsVisibility",
    "io.healthservice.FailureKind", "io.healthservice.HealthChecker", "io.healthservice.HealthCheckerBuilder",
    "io.healthservice.HealthSnapshot", "io.healthservice.HealthStatus", "io.healthservice.MonitorClock",
    "io.healthservice.MonitorListener", "io.healthservice.ProbeRoutes", "io.healthservice.Readiness");

  private static final int API_TARGET = 20;

  @Test
  void noModuleOnTheCoreReachesIntoItsInternals() {
    List<String> offenders = ON_THE_CORE.stream().map(m -> Path.of(m, "src/main/java")).flatMap(ApiBoundaryTest::javaFiles)
      .filter(f -> read(f).contains("io.healthservice.impl.")).map(Path::toString).toList();
    assertThat(offenders).isEmpty();
  }

  @Test
  void theCoreExportsOnlyItsApiAndSpi() throws IOException {
    String moduleInfo = Files.readString(Path.of("health-core/src/main/java/module-info.java"));
    assertThat(Pattern.compile("(?m)^\\s*exports\\s+([\\w.]+)").matcher(moduleInfo).results().map(m -> m.group(1)).toList())
      .containsExactly("io.healthservice");
    String spi = Files.readString(Path.of("health-spi/src/main/java/module-info.java"));
    assertThat(Pattern.compile("(?m)^\\s*exports\\s+([\\w.]+)").matcher(spi).results().map(m -> m.group(1)).toList())
      .containsExactly("io.healthservice.spi");
  }

  @Test
  void noLibraryModuleHasAQualifiedExportOrAStaticRequire() throws IOException {
    for (String module : NAMED_MODULES) {
      String moduleInfo = Files.readString(Path.of(module, "src/main/java/module-info.java"));
      assertThat(moduleInfo).as(module).doesNotContainPattern("exports\\s+[\\w.]+\\s+to\\b")
        .doesNotContainPattern("requires\\s+(transitive\\s+)?static\\b")
        .doesNotContainPattern("exports\\s+[\\w.]*\\.impl[\\w.]*;");
    }
  }

  @Test
  void theCoreApiDoesNotGrow() throws Exception {
    assertThat(coreApi()).containsExactlyInAnyOrderElementsOf(CORE_API);
  }

  @Test
  void theCoreApiIsAtMostTwentyTypes() throws Exception {
    assertThat(coreApi()).hasSizeLessThanOrEqualTo(API_TARGET);
  }

  /** The public types (nested included, when every enclosing type is public too) of health-core's exported packages. */
  private static List<String> coreApi() throws Exception {
    Path classes = Path.of(io.healthservice.HealthChecker.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<String> names = new ArrayList<>();
    if (Files.isDirectory(classes)) {
      for (String pkg : List.of("io/healthservice")) {
        try (Stream<Path> files = Files.list(classes.resolve(pkg))) {
          files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".class"))
            .forEach(n -> names.add(pkg.replace('/', '.') + "." + n.substring(0, n.length() - ".class".length())));
        }
      }
    } else {
      try (JarFile jar = new JarFile(classes.toFile())) {
        jar.stream().map(JarEntry::getName)
          .filter(n -> n.matches("io/healthservice/[^/]+\\.class") && !n.endsWith("module-info.class"))
          .forEach(n -> names.add(n.substring(0, n.length() - ".class".length()).replace('/', '.')));
      }
    }
    List<String> api = new ArrayList<>();
    for (String name : names) {
      Class<?> type = Class.forName(name, false, ApiBoundaryTest.class.getClassLoader());
      if (!type.isAnonymousClass() && !type.isLocalClass() && !type.isSynthetic() && visible(type)) {
        api.add(name);
      }
    }
    return api;
  }

  private static boolean visible(Class<?> type) {
    for (Class<?> t = type; t != null; t = t.getEnclosingClass()) {
      if (!Modifier.isPublic(t.getModifiers())) {
        return false;
      }
    }
    return true;
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
