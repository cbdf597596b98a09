package io.healthservice.config;

import io.healthservice.notify.AlertmanagerSettings;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@code notifications.alertmanager}: where to post ({@code urls}, or {@code HEALTH_ALERTMANAGER_URLS}
 * comma-separated), labels for every alert, this replica's name ({@code instance}, default {@code HOSTNAME},
 * the pod's name in Kubernetes), a bearer token or basic auth (secrets: literal, {@code _env} or {@code _file}),
 * a CA file and the timings. Absent urls: no channel. Errors name the key and never show a secret.
 */
final class AlertmanagerSection {

  static final String URLS = "HEALTH_ALERTMANAGER_URLS";
  static final String TOKEN = "HEALTH_ALERTMANAGER_BEARER_TOKEN";

  private AlertmanagerSection() {
  }

  static Optional<AlertmanagerSettings> read(TypedReader am, EnvOverlay env, SecretResolver secrets) {
    am.allowOnly(Set.of("urls", "labels", "instance", "status_url", "bearer_token", "bearer_token_env",
      "bearer_token_file", "basic_auth", "ca_file", "repost_interval", "timeout", "initial_backoff", "max_backoff"));
    List<String> urls = urls(am, env);
    Optional<String> token = secrets.secret(am, "bearer_token", TOKEN);
    TypedReader basic = am.section("basic_auth");
    basic.allowOnly(Set.of("username", "password", "password_env", "password_file"));
    Optional<String> password = secrets.secret(basic, "password", null);
    if (urls.isEmpty()) {
      if (token.isPresent() || am.has("labels") || basic.has("username")) {
        throw am.error("urls", "is required when notifications.alertmanager is configured");
      }
      return Optional.empty();
    }
    Optional<String> authorization = token.map(t -> "Bearer " + t);
    if (basic.has("username") || password.isPresent()) {
      if (token.isPresent()) {
        throw am.error("basic_auth", "give either bearer_token or basic_auth, not both");
      }
      String user = basic.string("username", "");
      if (user.isEmpty() || user.contains(":") || password.isEmpty()) {
        throw basic.error(user.isEmpty() || user.contains(":") ? "username" : "password",
          "basic_auth needs a username (without ':') and a password");
      }
      authorization = Optional.of("Basic " + Base64.getEncoder()
        .encodeToString((user + ":" + password.get()).getBytes(StandardCharsets.UTF_8)));
    }
    String urlsSetting = env.isSet(URLS) ? URLS : am.key("urls");
    for (String url : urls) {
      checkUrl(url, urlsSetting, authorization.isPresent());
    }
    Optional<String> ca = am.has("ca_file") ? Optional.of(am.string("ca_file", "")) : Optional.empty();
    ca.ifPresent(file -> {
      if (!Files.isReadable(Path.of(file))) {
        throw am.error("ca_file", "cannot read file " + file);
      }
    });
    String instance = am.string("instance", defaultInstance(env));
    if (instance.isEmpty() || instance.chars().anyMatch(c -> c < 0x20)) {
      throw am.error("instance", "must be a non-empty name without control characters");
    }
    String statusUrl = am.has("status_url") ? am.string("status_url", "") : null;
    if (statusUrl != null) {
      checkUrl(statusUrl, am.setting("status_url"), false);
    }
    Duration repost = am.duration("repost_interval", AlertmanagerSettings.DEFAULT_REPOST_INTERVAL, false);
    Duration timeout = am.duration("timeout", Duration.ofSeconds(5), false);
    Duration initial = am.duration("initial_backoff", Duration.ofSeconds(1), false);
    Duration max = am.duration("max_backoff", Duration.ofSeconds(30), false);
    if (max.compareTo(initial) < 0) {
      throw am.error("max_backoff", "must be at least initial_backoff (" + initial.toMillis() + " ms)");
    }
    return Optional.of(AlertmanagerSettings.of(urls, instance).withLabels(labels(am)).withStatusUrl(statusUrl)
      .withAuthorization(authorization, ca).withTiming(repost, timeout, initial, max));
  }

  /** The pod's name in Kubernetes, the host's name elsewhere (Alertmanager's and the history's {@code instance}). */
  static String defaultInstance(EnvOverlay env) {
    String host = env.get("HOSTNAME");
    if (host != null && !host.isBlank()) {
      return host.trim();
    }
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }

  private static List<String> urls(TypedReader am, EnvOverlay env) {
    Object raw = env.isSet(URLS) ? env.get(URLS) : am.raw("urls");
    String setting = env.isSet(URLS) ? URLS : am.key("urls");
    List<String> urls = new ArrayList<>();
    if (raw instanceof JsonArray list) {
      for (Object item : list) {
        if (!(item instanceof String s) || s.isBlank()) {
          throw new ConfigException(setting, "must be a list of URLs");
        }
        urls.add(s.trim());
      }
    } else if (raw instanceof String text) {
      for (String part : text.split(",")) {
        if (!part.isBlank()) {
          urls.add(part.trim());
        }
      }
    } else if (raw != null) {
      throw new ConfigException(setting, "must be a list of URLs");
    }
    if (raw != null && urls.isEmpty()) {
      throw new ConfigException(setting, "must name at least one Alertmanager URL");
    }
    return urls;
  }

  private static Map<String, String> labels(TypedReader am) {
    Object raw = am.raw("labels");
    if (raw == null) {
      return Map.of();
    }
    if (!(raw instanceof JsonObject mapping)) {
      throw am.error("labels", "must be a mapping of label names to values");
    }
    Map<String, String> labels = new LinkedHashMap<>();
    for (String name : mapping.fieldNames()) {
      Object value = mapping.getValue(name);
      if (!AlertmanagerSettings.LABEL_NAME.matcher(name).matches()) {
        throw am.error("labels." + name, "is not a valid label name ([a-zA-Z_][a-zA-Z0-9_]*)");
      }
      if (AlertmanagerSettings.RESERVED_LABELS.contains(name)) {
        throw am.error("labels." + name, "is set by the service itself (alertname, service, check, severity)");
      }
      if (!(value instanceof String || value instanceof Number || value instanceof Boolean)
        || String.valueOf(value).isBlank()) {
        throw am.error("labels." + name, "must be a non-empty text value");
      }
      labels.put(name, String.valueOf(value));
    }
    return labels;
  }

  /** http(s) with a host; with a credential, plain http only to this machine. Never shows the URL. */
  private static void checkUrl(String url, String setting, boolean credential) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new ConfigException(setting, "is not a valid URL (expected http://host:9093)");
    }
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
      throw new ConfigException(setting, "must start with https:// or http://");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty() || uri.getPort() > 65535) {
      throw new ConfigException(setting, "has no valid host name or port");
    }
    if (credential && "http".equals(uri.getScheme()) && !NotificationsSection.isLoopback(uri.getHost())) {
      throw new ConfigException(setting, "must start with https:// (plain http only to localhost: the posts carry a credential)");
    }
  }
}
