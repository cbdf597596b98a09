package io.healthservice.config;

import io.healthservice.spi.CheckDefinition;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * Turns the YAML file's tree plus the environment into a validated {@link ServiceConfig}.
 *
 * <p>Pure apart from reading {@code *_file} secrets: no Vert.x, no network, so every rule is unit-tested.
 * Environment variables win over the file ({@link EnvOverlay}); the file's tree is only read, never edited.
 * Unknown keys are errors, so a typo fails at start instead of silently using a default. Every error names
 * the setting the operator wrote: the environment variable when the value came from one, the dotted key
 * otherwise. Each section has its own reader; this class only fixes the order in which they run, which is
 * the order in which errors are found.
 */
public final class ConfigLoader {

  private ConfigLoader() {
  }

  /** Validates {@code file} (the parsed YAML, possibly empty or null) with {@code env} applied on top. */
  public static ServiceConfig load(JsonObject file, Map<String, String> env) {
    InstalledKinds kinds = InstalledKinds.installed();
    EnvOverlay overlay = new EnvOverlay(env, kinds.historicalVariables());
    SecretResolver secrets = new SecretResolver(overlay);
    TypedReader root = TypedReader.root(file, overlay);
    root.allowOnly(Set.of("service", "http", "checks", "details", "shutdown", "notifications", "grpc", "monitor", "metrics",
      "history", "maintenance"));

    String serviceName = serviceName(root.section("service"));
    HttpOptions http = HttpSection.read(root.section("http"));
    java.util.List<CheckDefinition> checks = ChecksSection.read(root.section("checks"), overlay, secrets, kinds);
    DetailsOptions details = DetailsSection.read(root.section("details", "visibility"), overlay, secrets);
    Duration drain = drain(root.section("shutdown"));
    NotificationOptions notifications = NotificationsSection.read(root.section("notifications"), overlay, secrets);
    GrpcOptions grpc = GrpcSection.read(root.section("grpc"), http);
    ScaleOptions scale = ScaleOptions.read(root.section("monitor"), root.section("metrics"));
    HistoryOptions history = HistorySection.read(root.section("history"), overlay, secrets);
    var maintenance = MaintenanceSection.read(root.section("maintenance"), checks);
    return new ServiceConfig(serviceName, http, checks, details, drain, notifications, grpc, scale, history,
      maintenance);
  }

  private static String serviceName(TypedReader service) {
    service.allowOnly(Set.of("name"));
    String name = service.string("name", "ai-chatrooms");
    if (name.isBlank() || name.length() > 200 || name.chars().anyMatch(Character::isISOControl)) {
      throw service.error("name", "must be 1-200 printable characters");
    }
    return name;
  }

  /** {@code shutdown.drain}: how long to keep answering after SIGTERM; 0 stops at once. */
  private static Duration drain(TypedReader shutdown) {
    shutdown.allowOnly(Set.of("drain"));
    return shutdown.duration("drain", Duration.ofSeconds(5), true);
  }
}
