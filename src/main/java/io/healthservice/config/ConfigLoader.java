package io.healthservice.config;

import io.healthservice.checks.LlmEndpoint;
import io.healthservice.checks.LlmProvider;
import io.healthservice.checks.PostgresUrls;
import io.healthservice.checks.RedisMode;
import io.healthservice.checks.RedisTopology;
import io.healthservice.checks.Target;
import io.healthservice.http.DetailsVisibility;
import io.healthservice.monitor.CheckSettings;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the YAML file's tree plus the environment into a validated {@link ServiceConfig}.
 *
 * <p>Pure apart from reading {@code *_file} secrets: no Vert.x, no network, so every rule is unit-tested.
 * Environment variables win over the file. Unknown keys are errors, so a typo fails at start instead of
 * silently using a default. Every error names the setting the operator wrote: the environment variable
 * when the value came from one, the dotted key otherwise.
 */
public final class ConfigLoader {

  public static final String DEFAULT_DATABASE_URL = "postgresql://postgres@localhost:5432/postgres";
  public static final String DEFAULT_REDIS_URL = "redis://localhost:6379";
  static final String ENV_ENDPOINT_NAME = "llm";

  /** Names that routes or aggregates already use; an LLM endpoint may not take them. */
  private static final Set<String> RESERVED_NAMES =
    Set.of("database", "redis", "llm_services", "live", "ready", "started");
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m)");

  /** Environment variable → the key it overrides. */
  private static final Map<String, String> ENV_KEYS = Map.of(
    "HTTP_PORT", "http.port",
    "HTTP_HOST", "http.host",
    "SERVICE_NAME", "service.name",
    "DATABASE_URL", "checks.database.url",
    "REDIS_URL", "checks.redis.url",
    "REDIS_MODE", "checks.redis.mode",
    "REDIS_MASTER_NAME", "checks.redis.master_name",
    "HEALTH_DETAILS", "details.visibility",
    "SHUTDOWN_DRAIN", "shutdown.drain");

  private final Map<String, String> env;
  /** Dotted key → environment variable that set it, to name the right thing in errors. */
  private final Map<String, String> origins = new HashMap<>();

  private ConfigLoader(Map<String, String> env) {
    // An empty variable counts as unset: Compose's ${LLM_API_URL:-} and Kubernetes' optional keys produce them.
    Map<String, String> set = new HashMap<>();
    env.forEach((name, value) -> {
      if (value != null && !value.isBlank()) {
        set.put(name, value);
      }
    });
    this.env = Map.copyOf(set);
  }

  /** Validates {@code file} (the parsed YAML, possibly empty) with {@code env} applied on top. */
  public static ServiceConfig load(JsonObject file, Map<String, String> env) {
    return new ConfigLoader(env).build(file == null ? new JsonObject() : file.copy());
  }

  private ServiceConfig build(JsonObject root) {
    applyEnvironment(root);
    allowOnly(root, "", Set.of("service", "http", "checks", "details", "shutdown"));

    JsonObject service = object(root, "service");
    allowOnly(service, "service", Set.of("name"));
    String serviceName = string(service, "service.name", "ai-chatrooms");
    if (serviceName.isBlank() || serviceName.length() > 200 || serviceName.chars().anyMatch(Character::isISOControl)) {
      throw error("service.name", "must be 1-200 printable characters");
    }

    JsonObject http = object(root, "http");
    allowOnly(http, "http", Set.of("host", "port", "idle_timeout", "request_timeout", "max_connections"));
    String host = string(http, "http.host", "0.0.0.0");
    if (host.isBlank()) {
      throw error("http.host", "must not be empty");
    }
    int port = integer(http, "http.port", 8000);
    if (port < 1 || port > 65535) {
      throw error("http.port", "must be a port number between 1 and 65535, got " + port);
    }
    Duration idleTimeout = duration(http, "http.idle_timeout", Duration.ofSeconds(30), false);
    Duration requestTimeout = duration(http, "http.request_timeout", Duration.ofSeconds(10), false);
    int maxConnections = integer(http, "http.max_connections", 4096);
    if (maxConnections < 16 || maxConnections > 1_000_000) {
      throw error("http.max_connections", "must be between 16 and 1000000, got " + maxConnections);
    }

    JsonObject checks = object(root, "checks");
    allowOnly(checks, "checks", Set.of("database", "redis", "llm_services"));
    JsonObject db = object(checks, "checks.database");
    allowOnly(db, "checks.database", withSettings("url", "password_file", "expect_writable", "max_connection_age"));
    boolean mustBeWritable = bool(db, "checks.database.expect_writable", false);
    urlFromFile(db, "checks.database.url", "DATABASE_URL");
    String databaseUrl = postgresUrl(string(db, "checks.database.url", DEFAULT_DATABASE_URL), "checks.database.url");
    Optional<String> databasePassword = password(db, "checks.database", "DATABASE_PASSWORD");
    CheckSettings dbSettings = settings(db, "checks.database", true, Duration.ofSeconds(5), Duration.ofSeconds(2));
    Duration dbConnectionAge = connectionAge(db, "checks.database");

    JsonObject redis = object(checks, "checks.redis");
    allowOnly(redis, "checks.redis", withSettings("url", "password_file", "tls_ca_file", "mode", "master_name",
      "max_connection_age"));
    urlFromFile(redis, "checks.redis.url", "REDIS_URL");
    RedisTopology topology = redisTopology(redis);
    String redisUrl = String.join(",", topology.urls());
    Duration redisConnectionAge = connectionAge(redis, "checks.redis");
    Optional<String> redisPassword = password(redis, "checks.redis", "REDIS_PASSWORD");
    Optional<String> redisCa = readableFile(redis, "checks.redis.tls_ca_file", "REDIS_TLS_CA_FILE");
    CheckSettings redisSettings = settings(redis, "checks.redis", true, Duration.ofSeconds(5), Duration.ofSeconds(2));

    JsonObject llm = object(checks, "checks.llm_services");
    allowOnly(llm, "checks.llm_services", withSettings("endpoints"));
    CheckSettings llmSettings = settings(llm, "checks.llm_services", false, Duration.ofSeconds(30), Duration.ofSeconds(5));
    List<LlmEndpoint> endpoints = env.containsKey("LLM_API_URL") ? List.of(endpointFromEnv()) : endpoints(llm);

    JsonObject details = object(root, "details");
    allowOnly(details, "details", Set.of("visibility", "token", "token_file"));
    DetailsVisibility visibility = visibility(string(details, "details.visibility", "when-authorized"));
    Optional<String> token = secret(details, "details", "token", "HEALTH_DETAILS_TOKEN");
    if (token.isPresent() && token.get().length() < 16) {
      throw error(env.containsKey("HEALTH_DETAILS_TOKEN") ? "HEALTH_DETAILS_TOKEN" : "details.token",
        "must be at least 16 characters");
    }

    JsonObject shutdown = object(root, "shutdown");
    allowOnly(shutdown, "shutdown", Set.of("drain"));
    Duration drain = duration(shutdown, "shutdown.drain", Duration.ofSeconds(5), true);

    return new ServiceConfig(serviceName,
      new HttpOptions(host, port, new HttpLimits(idleTimeout, requestTimeout, maxConnections)),
      new DatabaseOptions(new Target(databaseUrl, databasePassword, postgresRootCert(databaseUrl), dbConnectionAge),
        dbSettings, mustBeWritable),
      new RedisOptions(new Target(redisUrl, redisPassword, redisCa, redisConnectionAge), topology, redisSettings),
      new LlmOptions(endpoints, llmSettings), new DetailsOptions(visibility, token), drain);
  }

  // ---- environment ----

  private void applyEnvironment(JsonObject root) {
    ENV_KEYS.forEach((variable, key) -> {
      String value = env.get(variable);
      if (value != null) {
        put(root, key, value);
        origins.put(key, variable);
      }
    });
    // The "details" key may be written as a plain string in the file: details: always
    Object details = root.getValue("details");
    if (details instanceof String s) {
      root.put("details", new JsonObject().put("visibility", s));
    }
  }

  private static void put(JsonObject root, String dottedKey, String value) {
    String[] parts = dottedKey.split("\\.");
    JsonObject node = root;
    for (int i = 0; i < parts.length - 1; i++) {
      Object child = node.getValue(parts[i]);
      if (child instanceof String s && dottedKey.startsWith("details.")) {
        child = new JsonObject().put("visibility", s);
        node.put(parts[i], child);
      }
      if (!(child instanceof JsonObject)) {
        child = new JsonObject();
        node.put(parts[i], child);
      }
      node = (JsonObject) child;
    }
    node.put(parts[parts.length - 1], value);
  }

  private LlmEndpoint endpointFromEnv() {
    String base = env.get("LLM_API_URL");
    origins.put("checks.llm_services.endpoints[llm].base_url", "LLM_API_URL");
    httpUrl(base, "LLM_API_URL");
    Optional<String> key = envSecret("LLM_API_KEY");
    return preset(ENV_ENDPOINT_NAME, LlmProvider.OPENAI, base, key, "2023-06-01");
  }

  // ---- checks ----

  private static Set<String> withSettings(String... extra) {
    Set<String> keys = new java.util.HashSet<>(Set.of("critical", "interval", "timeout", "max_age",
      "failure_threshold", "success_threshold"));
    keys.addAll(List.of(extra));
    return keys;
  }

  private CheckSettings settings(JsonObject node, String path, boolean critical, Duration interval, Duration timeout) {
    boolean isCritical = bool(node, path + ".critical", critical);
    Duration every = duration(node, path + ".interval", interval, false);
    Duration budget = duration(node, path + ".timeout", timeout, false);
    // Default: 3 intervals, but never so short that a run which times out shows as "stale" before its
    // timeout is reported.
    Duration floor = every.plus(budget).plusSeconds(1);
    Duration threeIntervals = every.multipliedBy(3);
    Duration maxAge = duration(node, path + ".max_age", threeIntervals.compareTo(floor) >= 0 ? threeIntervals : floor, false);
    int failures = integer(node, path + ".failure_threshold", 1);
    if (failures < 1 || failures > 100) {
      throw error(path + ".failure_threshold", "must be between 1 and 100, got " + failures);
    }
    int successes = integer(node, path + ".success_threshold", 1);
    if (successes < 1 || successes > 100) {
      throw error(path + ".success_threshold", "must be between 1 and 100, got " + successes);
    }
    return new CheckSettings(isCritical, every, budget, maxAge, failures, successes);
  }

  /** {@code max_connection_age}: 0 means a new connection on every run. */
  private Duration connectionAge(JsonObject node, String path) {
    return duration(node, path + ".max_connection_age", Target.DEFAULT_MAX_CONNECTION_AGE, true);
  }

  private RedisTopology redisTopology(JsonObject redis) {
    String modeText = string(redis, "checks.redis.mode", "standalone");
    RedisMode mode = switch (modeText.toLowerCase(Locale.ROOT)) {
      case "standalone" -> RedisMode.STANDALONE;
      case "sentinel" -> RedisMode.SENTINEL;
      case "cluster" -> RedisMode.CLUSTER;
      default -> throw error("checks.redis.mode", "must be standalone, sentinel or cluster, got \"" + printable(modeText) + "\"");
    };
    List<String> urls = new ArrayList<>();
    for (String url : string(redis, "checks.redis.url", DEFAULT_REDIS_URL).split(",")) {
      if (!url.isBlank()) {
        urls.add(redisUrl(url.trim(), "checks.redis.url"));
      }
    }
    if (urls.isEmpty()) {
      throw error("checks.redis.url", "must not be empty");
    }
    if (mode == RedisMode.STANDALONE && urls.size() > 1) {
      throw error("checks.redis.url", "lists several servers: set checks.redis.mode (REDIS_MODE) to sentinel or cluster");
    }
    if (mode == RedisMode.CLUSTER && urls.stream().anyMatch(u -> { String db = URI.create(u).getPath(); return db != null && db.length() > 1 && !db.equals("/0"); })) {
      throw error("checks.redis.url", "a Redis Cluster has only database 0");
    }
    String masterName = string(redis, "checks.redis.master_name", null);
    if (mode == RedisMode.SENTINEL && (masterName == null || masterName.isBlank())) {
      throw error("checks.redis.master_name", "is required with mode: sentinel (the name the sentinels monitor, e.g. mymaster)");
    }
    if (mode != RedisMode.SENTINEL && masterName != null) {
      throw error("checks.redis.master_name", "is only used with mode: sentinel");
    }
    if (masterName != null && (masterName.length() > 200 || masterName.chars().anyMatch(c -> c <= 0x20 || c == 0x7f))) {
      throw error("checks.redis.master_name", "must be 1-200 characters without spaces or control characters");
    }
    return new RedisTopology(mode, urls, Optional.ofNullable(masterName));
  }

  private List<LlmEndpoint> endpoints(JsonObject llm) {
    Object raw = llm.getValue("endpoints");
    if (raw == null) {
      return List.of();
    }
    if (!(raw instanceof JsonArray array)) {
      throw error("checks.llm_services.endpoints", "must be a list of endpoints");
    }
    List<LlmEndpoint> result = new ArrayList<>();
    Set<String> names = new java.util.HashSet<>();
    for (int i = 0; i < array.size(); i++) {
      String path = "checks.llm_services.endpoints[" + i + "]";
      if (!(array.getValue(i) instanceof JsonObject node)) {
        throw error(path, "must be a mapping with name, provider and url or base_url");
      }
      allowOnly(node, path, Set.of("name", "provider", "base_url", "url", "api_key", "api_key_env",
        "api_key_file", "anthropic_version", "headers"));
      String name = string(node, path + ".name", null);
      if (name == null || !NAME.matcher(name).matches()) {
        throw error(path + ".name", "is required: lower-case letters, digits, '-' or '_' (at most 63)");
      }
      if (RESERVED_NAMES.contains(name) || !names.add(name)) {
        throw error(path + ".name", "'" + name + "' is reserved or already used");
      }
      LlmProvider provider = provider(string(node, path + ".provider", "openai"), path + ".provider");
      Optional<String> key = secret(node, path, "api_key", null);
      LlmEndpoint endpoint = switch (provider) {
        case OPENAI -> preset(name, provider, httpUrl(string(node, path + ".base_url", "https://api.openai.com"),
          path + ".base_url"), key, null);
        case ANTHROPIC -> preset(name, provider, httpUrl(string(node, path + ".base_url", "https://api.anthropic.com"),
          path + ".base_url"), key, string(node, path + ".anthropic_version", "2023-06-01"));
        case GENERIC -> generic(name, node, path, key);
      };
      if (provider != LlmProvider.GENERIC && node.containsKey("headers")) {
        throw error(path + ".headers", "only the generic provider takes headers");
      }
      result.add(endpoint);
    }
    return result;
  }

  private LlmEndpoint generic(String name, JsonObject node, String path, Optional<String> key) {
    String url = string(node, path + ".url", null);
    if (url == null) {
      throw error(path + ".url", "is required for the generic provider");
    }
    httpUrl(url, path + ".url");
    Map<String, String> headers = new LinkedHashMap<>();
    Object raw = node.getValue("headers");
    if (raw != null) {
      if (!(raw instanceof JsonObject map)) {
        throw error(path + ".headers", "must be a mapping of header name to value");
      }
      for (String header : map.fieldNames()) {
        Object value = map.getValue(header);
        if (!(value instanceof String) || header.isBlank()) {
          throw error(path + ".headers." + header, "must be a text value");
        }
        headers.put(header, (String) value);
      }
    }
    key.ifPresent(k -> headers.put("Authorization", "Bearer " + k));
    return new LlmEndpoint(name, LlmProvider.GENERIC, url, headers);
  }

  private static LlmEndpoint preset(String name, LlmProvider provider, String base, Optional<String> key,
                                    String anthropicVersion) {
    String trimmed = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    // Accept both https://api.openai.com and https://api.openai.com/v1, as SDKs do.
    String url = trimmed.endsWith("/v1") ? trimmed + "/models" : trimmed + "/v1/models";
    Map<String, String> headers = new LinkedHashMap<>();
    if (provider == LlmProvider.ANTHROPIC) {
      key.ifPresent(k -> headers.put("x-api-key", k));
      headers.put("anthropic-version", anthropicVersion);
    } else {
      key.ifPresent(k -> headers.put("Authorization", "Bearer " + k));
    }
    return new LlmEndpoint(name, provider, url, headers);
  }

  // ---- credentials for the database and Redis ----

  /** {@code DATABASE_URL_FILE}: the whole URL from a file (a Kubernetes secret mount). */
  private void urlFromFile(JsonObject node, String key, String variable) {
    String file = env.get(variable + "_FILE");
    if (file == null) {
      return;
    }
    if (env.containsKey(variable)) {
      throw error(variable, "set either " + variable + " or " + variable + "_FILE, not both");
    }
    node.put("url", readSecretFile(file, variable + "_FILE"));
    origins.put(key, variable + "_FILE");
  }

  /** A password that overrides the URL's: {@code *_PASSWORD}, {@code *_PASSWORD_FILE} or {@code password_file}. */
  private Optional<String> password(JsonObject node, String path, String variable) {
    Optional<String> fromEnv = envSecret(variable);
    if (fromEnv.isPresent()) {
      return fromEnv;
    }
    if (!node.containsKey("password_file")) {
      return Optional.empty();
    }
    return Optional.of(readSecretFile(string(node, path + ".password_file", ""), path + ".password_file"));
  }

  private Optional<String> readableFile(JsonObject node, String key, String variable) {
    String file = env.containsKey(variable) ? env.get(variable) : string(node, key, null);
    if (file == null) {
      return Optional.empty();
    }
    String setting = env.containsKey(variable) ? variable : key;
    if (!Files.isReadable(Path.of(file))) {
      throw new ConfigException(setting, "cannot read file " + file);
    }
    return Optional.of(file);
  }

  /** libpq's {@code sslrootcert}, which the Vert.x client does not read from the URL itself. */
  private static Optional<String> postgresRootCert(String url) {
    return Optional.ofNullable(queryParameters(url).get("sslrootcert"));
  }

  static Map<String, String> queryParameters(String url) {
    Map<String, String> params = new LinkedHashMap<>();
    int question = url.indexOf('?');
    if (question < 0) {
      return params;
    }
    for (String pair : url.substring(question + 1).split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        params.put(java.net.URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return params;
  }

  // ---- secrets: literal, from another environment variable, or from a file ----

  private Optional<String> secret(JsonObject node, String path, String key, String envName) {
    Optional<String> fromEnv = envName == null ? Optional.empty() : envSecret(envName);
    if (fromEnv.isPresent()) {
      return fromEnv;
    }
    int given = 0;
    Optional<String> value = Optional.empty();
    if (node.containsKey(key)) {
      given++;
      value = Optional.of(string(node, path + "." + key, ""));
    }
    if (node.containsKey(key + "_env")) {
      given++;
      String variable = string(node, path + "." + key + "_env", "");
      String fromVar = env.get(variable);
      if (fromVar == null || fromVar.isEmpty()) {
        throw error(path + "." + key + "_env", "environment variable " + variable + " is not set");
      }
      value = Optional.of(fromVar);
    }
    if (node.containsKey(key + "_file")) {
      given++;
      value = Optional.of(readSecretFile(string(node, path + "." + key + "_file", ""), path + "." + key + "_file"));
    }
    if (given > 1) {
      throw error(path + "." + key, "give only one of " + key + ", " + key + "_env and " + key + "_file");
    }
    value.ifPresent(v -> {
      if (v.isEmpty() || v.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
        throw error(path + "." + key, "must be non-empty with no control characters");
      }
    });
    return value;
  }

  private Optional<String> envSecret(String name) {
    String direct = env.get(name);
    String file = env.get(name + "_FILE");
    if (direct != null && file != null) {
      throw error(name, "set either " + name + " or " + name + "_FILE, not both");
    }
    if (file != null) {
      return Optional.of(readSecretFile(file, name + "_FILE"));
    }
    if (direct != null && direct.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw error(name, "must not contain control characters");
    }
    return direct == null || direct.isEmpty() ? Optional.empty() : Optional.of(direct);
  }

  private static String readSecretFile(String file, String setting) {
    try {
      // Secret mounts end with a newline more often than not.
      String value = Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
      if (value.isEmpty()) {
        throw new ConfigException(setting, "file " + file + " is empty");
      }
      return value;
    } catch (IOException | RuntimeException e) {
      if (e instanceof ConfigException ce) {
        throw ce;
      }
      throw new ConfigException(setting, "cannot read file " + file);
    }
  }

  // ---- typed readers ----

  private ConfigException error(String key, String problem) {
    return new ConfigException(origins.getOrDefault(key, key), problem);
  }

  private JsonObject object(JsonObject parent, String path) {
    String key = path.substring(path.lastIndexOf('.') + 1);
    Object value = parent.getValue(key);
    if (value == null) {
      JsonObject empty = new JsonObject();
      parent.put(key, empty);
      return empty;
    }
    if (!(value instanceof JsonObject json)) {
      throw error(path, "must be a mapping");
    }
    return json;
  }

  private void allowOnly(JsonObject node, String path, Set<String> allowed) {
    for (String key : node.fieldNames()) {
      if (!allowed.contains(key)) {
        throw error(path.isEmpty() ? key : path + "." + key, "unknown setting (allowed: "
          + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
      }
    }
  }

  private String string(JsonObject node, String path, String def) {
    Object value = node.getValue(leaf(path));
    if (value == null) {
      return def;
    }
    if (value instanceof String s) {
      return s.trim();
    }
    if (value instanceof Number || value instanceof Boolean) {
      return value.toString();
    }
    throw error(path, "must be a text value");
  }

  private int integer(JsonObject node, String path, int def) {
    Object value = node.getValue(leaf(path));
    if (value == null) {
      return def;
    }
    if (value instanceof Integer i) {
      return i;
    }
    if (value instanceof String s) {
      try {
        return Integer.parseInt(s.trim());
      } catch (NumberFormatException e) {
        throw error(path, "must be a whole number, got \"" + printable(s) + "\"");
      }
    }
    throw error(path, "must be a whole number, got " + printable(String.valueOf(value)));
  }

  private boolean bool(JsonObject node, String path, boolean def) {
    Object value = node.getValue(leaf(path));
    if (value == null) {
      return def;
    }
    if (value instanceof Boolean b) {
      return b;
    }
    if (value instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
      return Boolean.parseBoolean(s);
    }
    throw error(path, "must be true or false, got " + printable(String.valueOf(value)));
  }

  private Duration duration(JsonObject node, String path, Duration def, boolean zeroAllowed) {
    Object value = node.getValue(leaf(path));
    if (value == null) {
      return def;
    }
    String text = String.valueOf(value).trim().toLowerCase(Locale.ROOT);
    if (text.equals("0")) {
      text = "0s";
    }
    Matcher m = DURATION.matcher(text);
    if (!m.matches()) {
      throw error(path, "must be a duration such as 500ms, 2s or 1m, got \"" + printable(String.valueOf(value)) + "\"");
    }
    long amount = Long.parseLong(m.group(1));
    Duration d = switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      default -> Duration.ofMinutes(amount);
    };
    if (d.isZero() && !zeroAllowed) {
      throw error(path, "must be greater than zero");
    }
    if (d.compareTo(Duration.ofHours(1)) > 0) {
      throw error(path, "must be at most 1h");
    }
    return d;
  }

  private DetailsVisibility visibility(String text) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "never" -> DetailsVisibility.NEVER;
      case "when-authorized", "when_authorized" -> DetailsVisibility.WHEN_AUTHORIZED;
      case "always" -> DetailsVisibility.ALWAYS;
      default -> throw error("details.visibility", "must be never, when-authorized or always, got \"" + printable(text) + "\"");
    };
  }

  private LlmProvider provider(String text, String path) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "openai" -> LlmProvider.OPENAI;
      case "anthropic" -> LlmProvider.ANTHROPIC;
      case "generic" -> LlmProvider.GENERIC;
      default -> throw error(path, "must be openai, anthropic or generic, got \"" + printable(text) + "\"");
    };
  }

  // ---- URLs: validated without ever echoing them (they may hold passwords) ----

  private String postgresUrl(String url, String path) {
    URI uri = uri(url, path, "a PostgreSQL URL such as postgresql://user:password@host:5432/database");
    if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())) {
      throw error(path, "must start with postgresql:// (e.g. postgresql://user:password@host:5432/database)");
    }
    requireHost(uri, path);
    Map<String, String> params;
    try {
      params = queryParameters(url);
    } catch (IllegalArgumentException e) {
      throw error(path, "has a malformed query string");
    }
    String sslMode = params.getOrDefault("sslmode", "disable");
    if (!Set.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full").contains(sslMode)) {
      throw error(path, "sslmode must be disable, allow, prefer, require, verify-ca or verify-full");
    }
    String rootCert = params.get("sslrootcert");
    if (sslMode.startsWith("verify-") && rootCert == null) {
      throw error(path, "sslmode=" + sslMode + " needs sslrootcert=<file with the CA certificate>");
    }
    if (rootCert != null && !Files.isReadable(Path.of(rootCert))) {
      throw error(path, "sslrootcert: cannot read file " + rootCert);
    }
    try {
      io.vertx.pgclient.PgConnectOptions.fromUri(PostgresUrls.withoutParameter(url, "sslrootcert"));
    } catch (RuntimeException e) {
      throw error(path, "is not a valid PostgreSQL URL (postgresql://user:password@host:5432/database?sslmode=...)");
    }
    return url;
  }

  private String redisUrl(String url, String path) {
    URI uri = uri(url, path, "a Redis URL such as redis://:password@host:6379/0");
    if (!"redis".equals(uri.getScheme()) && !"rediss".equals(uri.getScheme())) {
      throw error(path, "must start with redis:// or rediss:// (e.g. redis://:password@host:6379/0)");
    }
    requireHost(uri, path);
    String db = uri.getPath();
    if (db != null && !db.isEmpty() && !db.equals("/") && !db.substring(1).matches("\\d{1,2}")) {
      throw error(path, "the path must be a database number such as /0");
    }
    return url;
  }

  private String httpUrl(String url, String path) {
    URI uri = uri(url, path, "an http(s) URL such as https://api.openai.com");
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
      throw error(path, "must start with http:// or https://");
    }
    requireHost(uri, path);
    if (uri.getRawUserInfo() != null) {
      throw error(path, "must not carry credentials; use api_key, api_key_env or api_key_file");
    }
    return url;
  }

  private URI uri(String url, String path, String expected) {
    try {
      return new URI(url);
    } catch (URISyntaxException e) {
      throw error(path, "is not a valid URL: expected " + expected);
    }
  }

  private void requireHost(URI uri, String path) {
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw error(path, "has no host name");
    }
    if (uri.getPort() > 65535) {
      throw error(path, "has a port out of range");
    }
  }

  private static String leaf(String path) {
    return path.substring(path.lastIndexOf('.') + 1);
  }

  /** A short, single-line rendering of a user value for an error message. */
  private static String printable(String value) {
    String oneLine = value.replaceAll("\\p{Cntrl}", "?");
    return oneLine.length() > 40 ? oneLine.substring(0, 40) + "..." : oneLine;
  }
}
