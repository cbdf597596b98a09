package io.healthservice.packaging;

import io.healthservice.config.ConfigLoader;
import io.healthservice.config.ServiceConfig;
import io.healthservice.http.LlmKind;
import io.healthservice.support.Processes.Result;
import io.healthservice.support.Processes;
import io.healthservice.support.Tools;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped Kubernetes and Prometheus files as one setup (issue 30, item 4): Prometheus reaches every pod,
 * ready or not, so an outage that empties the Service is still reported as the outage; {@code kubectl apply
 * -f deploy/k8s/} applies no Secret; one image name and tag everywhere; the LLM keys optional; the sidecar
 * example. No cluster runs here: the files are parsed and cross-checked, and promtool runs the relabelling
 * ({@code check service-discovery}) and the alert rules on the series that setup records.
 */
class KubernetesSetupTest {

  private static final Path K8S = Path.of("deploy/k8s");
  private static final Path PROMETHEUS = Path.of("deploy/prometheus/prometheus.yml");
  private static final Path SIDECAR = Path.of("deploy/k8s/examples/sidecar.yaml");
  private static final Path SECRET_EXAMPLE = Path.of("deploy/k8s/examples/secret.example.yaml");
  private static final List<String> JOBS = List.of("health-service", "health-service-probe");

  // ---- what `kubectl apply -f deploy/k8s/` applies ----

  /** The files kubectl takes from a directory without -R: its own .yaml, .yml and .json, not sub-folders. */
  private static List<Path> applyPath() throws IOException {
    try (Stream<Path> files = Files.list(K8S)) {
      return files.filter(Files::isRegularFile)
        .filter(f -> f.toString().matches(".*\\.(yaml|yml|json)$")).sorted().toList();
    }
  }

  private static List<Map<String, Object>> documents(Path file) throws IOException {
    List<Map<String, Object>> result = new ArrayList<>();
    for (Object document : new Yaml().loadAll(Files.readString(file))) {
      if (document != null) {
        result.add(map(document));
      }
    }
    return result;
  }

  private static List<Map<String, Object>> applied() throws IOException {
    List<Map<String, Object>> result = new ArrayList<>();
    for (Path file : applyPath()) {
      result.addAll(documents(file));
    }
    return result;
  }

  private static Map<String, Object> resource(List<Map<String, Object>> resources, String kind, String name) {
    return resources.stream().filter(r -> kind.equals(r.get("kind")) && name.equals(map(r.get("metadata")).get("name")))
      .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + name));
  }

  @Test
  void theApplyPathHoldsNoSecret() throws IOException {
    List<Map<String, Object>> resources = applied();
    assertThat(resources).extracting(r -> r.get("kind")).contains("Deployment", "Service", "ConfigMap")
      .doesNotContain("Secret");
    for (Path file : applyPath()) {
      assertThat(Files.readString(file)).as(file.toString()).doesNotContain("change-me");
    }
    // The example is still shipped, outside the apply path, and holds every key the Deployment requires.
    Map<String, Object> example = documents(SECRET_EXAMPLE).get(0);
    assertThat(example).containsEntry("kind", "Secret");
    assertThat(map(example.get("stringData")).keySet()).containsExactlyInAnyOrderElementsOf(
      secretKeys(podSpec(resource(resources, "Deployment", "health-service")), false));
  }

  // ---- one image ----

  @Test
  void oneImageNameAndTagEverywhere() throws IOException {
    Matcher version = Pattern.compile("(?s)<modelVersion>.*?<version>([^<]+)</version>")
      .matcher(Files.readString(Path.of("pom.xml")));
    assertThat(version.find()).isTrue();
    String image = "health-service:" + version.group(1);

    Map<String, Object> deployment = resource(applied(), "Deployment", "health-service");
    assertThat(container(podSpec(deployment), "containers", "health-service").get("image")).isEqualTo(image);
    Map<String, Object> compose = map(map(new Yaml().load(Files.readString(Path.of("docker-compose.yml")))).get("services"));
    assertThat(map(compose.get("health-service")).get("image")).isEqualTo(image);
    assertThat(container(podSpec(documents(SIDECAR).get(0)), "initContainers", "health-service").get("image"))
      .isEqualTo(image);
    List<String> builds = new ArrayList<>();
    Matcher build = Pattern.compile("docker build -t (\\S+)").matcher(Files.readString(Path.of("docs/deployment.md")));
    while (build.find()) {
      builds.add(build.group(1));
    }
    assertThat(builds).isNotEmpty().allMatch(image::equals);
  }

  // ---- LLM keys optional ----

  @Test
  void llmKeysAreOptionalInTheSecretTheDeploymentAndTheConfigMap(@TempDir Path secrets) throws IOException {
    List<Map<String, Object>> resources = applied();
    for (Map<String, Object> spec : List.of(podSpec(resource(resources, "Deployment", "health-service")),
      podSpec(documents(SIDECAR).get(0)))) {
      assertThat(secretKeys(spec, true)).contains("llm-api-url", "llm-api-key");
      assertThat(secretKeys(spec, false)).containsExactlyInAnyOrder("database-url", "redis-url", "details-token");
    }
    String configYaml = (String) map(resource(resources, "ConfigMap", "health-service-config").get("data")).get("config.yaml");
    Map<String, Object> llm = map(map(map(new Yaml().load(configYaml)).get("checks")).get("llm_services"));
    assertThat(llm).as("endpoints with an api_key_file that must exist").doesNotContainKey("endpoints");
    assertThat(map(documents(SECRET_EXAMPLE).get(0).get("stringData"))).doesNotContainKeys("llm-api-url", "llm-api-key");

    // With only the required keys the configuration starts without an LLM check; with both, it has one.
    Files.writeString(secrets.resolve("details-token"), "a-details-token-0123456789\n");
    Map<String, Object> tree = new Yaml().load(configYaml.replace("/var/run/secrets/health-service", secrets.toString()));
    Map<String, String> env = new HashMap<>(Map.of("DATABASE_URL", "postgresql://app:x@db:5432/app",
      "REDIS_URL", "redis://:x@redis:6379/0"));
    ServiceConfig without = ConfigLoader.load(new JsonObject(tree), env);
    assertThat(without.check("llm_services", LlmKind.Definition.class).endpoints()).isEmpty();
    env.putAll(Map.of("LLM_API_URL", "https://api.openai.com", "LLM_API_KEY", "sk-0123456789"));
    ServiceConfig with = ConfigLoader.load(new JsonObject(tree), env);
    assertThat(with.check("llm_services", LlmKind.Definition.class).endpoints()).hasSize(1);
  }

  /**
   * The keys of health-service-secrets a pod spec reads: with {@code optional} true those marked
   * {@code optional: true}, else the required ones (env secretKeyRefs and the secret volume's items).
   */
  private static Set<String> secretKeys(Map<String, Object> spec, boolean optional) {
    Set<String> keys = new TreeSet<>();
    for (Map<String, Object> c : containers(spec)) {
      for (Object e : list(c.getOrDefault("env", List.of()))) {
        Object from = map(e).get("valueFrom");
        if (from != null && map(from).get("secretKeyRef") != null) {
          Map<String, Object> ref = map(map(from).get("secretKeyRef"));
          if (Boolean.TRUE.equals(ref.get("optional")) == optional) {
            keys.add((String) ref.get("key"));
          }
        }
      }
      assertThat(c).doesNotContainKey("envFrom");
    }
    for (Object v : list(spec.get("volumes"))) {
      Object secret = map(v).get("secret");
      if (secret != null && Boolean.TRUE.equals(map(secret).get("optional")) == optional) {
        list(map(secret).get("items")).forEach(i -> keys.add((String) map(i).get("key")));
      }
    }
    return keys;
  }

  // ---- Prometheus reaches every pod ----

  @Test
  void prometheusFindsEveryPodThroughAHeadlessServiceThatKeepsUnreadyPods() throws IOException {
    List<Map<String, Object>> resources = applied();
    Map<String, Object> deployment = resource(resources, "Deployment", "health-service");
    Map<String, Object> podLabels = map(map(map(map(deployment.get("spec")).get("template")).get("metadata")).get("labels"));
    Map<String, Object> container = container(podSpec(deployment), "containers", "health-service");
    int containerPort = (Integer) map(list(container.get("ports")).get(0)).get("containerPort");

    for (String job : JOBS) {
      Map<String, Object> config = job(prometheusConfig(), job);
      assertThat(config).as(job + ": pods, never the Service's single address").doesNotContainKey("static_configs");
      List<Object> sd = list(config.get("dns_sd_configs"));
      assertThat(sd).as(job).hasSize(1);
      Map<String, Object> dns = map(sd.get(0));
      assertThat(dns).containsEntry("type", "A").containsEntry("port", containerPort);
      String name = (String) list(dns.get("names")).get(0);
      String serviceName = name.substring(0, name.indexOf('.'));
      assertThat(serviceName).as("the traffic Service loses every pod in an outage").isNotEqualTo("health-service");

      Map<String, Object> service = map(resource(resources, "Service", serviceName).get("spec"));
      assertThat(service).as(serviceName).containsEntry("clusterIP", "None").containsEntry("publishNotReadyAddresses", true);
      assertThat(podLabels).containsAllEntriesOf(map(service.get("selector")));
      assertThat(list(service.get("ports"))).anySatisfy(p -> assertThat(map(p)).containsEntry("port", containerPort));
    }
    // The traffic Service stays what it is: ready pods only.
    assertThat(map(resource(resources, "Service", "health-service").get("spec"))).doesNotContainKey("publishNotReadyAddresses");
  }

  /**
   * promtool performs the shipped jobs' discovery and relabelling on the addresses the headless Service's DNS
   * name returns (two pods; DNS discovery is swapped for the same targets, as no cluster DNS runs here): one
   * /metrics target per pod, and one blackbox probe per pod of that pod's /health, with the pod as instance.
   */
  @Test
  void promtoolRelabelsEachPodIntoOneScrapeAndOneProbe(@TempDir Path dir) throws IOException, InterruptedException {
    String promtool = Tools.require("/usr/bin/promtool", "prometheus");
    Map<String, Object> config = prometheusConfig();
    config.remove("rule_files");
    List<String> pods = List.of("10.244.1.7:8000", "10.244.2.9:8000");
    for (String job : JOBS) {
      Map<String, Object> scrape = job(config, job);
      Map<String, Object> dns = map(list(scrape.remove("dns_sd_configs")).get(0));
      Map<String, Object> labels = new LinkedHashMap<>();
      labels.put("__meta_dns_name", list(dns.get("names")).get(0));
      scrape.put("static_configs", List.of(Map.of("targets", pods, "labels", labels)));
    }
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    Path file = dir.resolve("prometheus.yml");
    Files.writeString(file, new Yaml(options).dump(config));

    Map<String, Map<String, String>> metrics = discovered(promtool, file, "health-service");
    assertThat(metrics).containsOnlyKeys(pods);
    for (String pod : pods) {
      assertThat(metrics.get(pod)).containsEntry("__address__", pod).containsEntry("__metrics_path__", "/metrics")
        .containsEntry("job", "health-service");
    }
    Map<String, Map<String, String>> probes = discovered(promtool, file, "health-service-probe");
    assertThat(probes).containsOnlyKeys(pods);
    for (String pod : pods) {
      assertThat(probes.get(pod)).containsEntry("__param_target", "http://" + pod + "/health")
        .containsEntry("__address__", "blackbox-exporter:9115").containsEntry("__metrics_path__", "/probe")
        .containsEntry("__param_module", "health_service").containsEntry("job", "health-service-probe");
    }
    assertThat(Files.readString(Path.of("deploy/prometheus/blackbox.yml"))).contains("\n  health_service:\n");
  }

  /** The relabelled targets of {@code job}, by their instance label. */
  private static Map<String, Map<String, String>> discovered(String promtool, Path config, String job)
    throws IOException, InterruptedException {
    Result result = Processes.run(new ProcessBuilder(promtool, "check", "service-discovery", config.toString(), job,
      "--timeout=5s"), 60);
    assertThat(result.exitCode()).as(result.output()).isZero();
    String out = result.output();
    JsonArray targets = new JsonArray(out.substring(out.indexOf('['), out.lastIndexOf(']') + 1));
    Map<String, Map<String, String>> byInstance = new HashMap<>();
    for (int i = 0; i < targets.size(); i++) {
      Map<String, String> labels = new HashMap<>();
      targets.getJsonObject(i).getJsonObject("labels").forEach(e -> labels.put(e.getKey(), String.valueOf(e.getValue())));
      byInstance.put(labels.get("instance"), labels);
    }
    return byInstance;
  }

  /** The alerts the outage must raise are alerts.yml's, about jobs prometheus.yml has, and fire in promtool. */
  @Test
  void anOutageUnderEveryReplicaFiresCriticalDependencyDown() throws IOException, InterruptedException {
    String alerts = Files.readString(Path.of("deploy/prometheus/alerts.yml"));
    for (String alert : List.of("CriticalDependencyDown", "HealthServiceProbeFailing", "HealthServiceScrapeDown",
      "DependencyDownEverywhere")) {
      assertThat(alerts).contains("- alert: " + alert + "\n");
    }
    Matcher jobs = Pattern.compile("job=\"([^\"]+)\"").matcher(alerts);
    Map<String, Object> config = prometheusConfig();
    while (jobs.find()) {
      job(config, jobs.group(1));
    }
    String promtool = Tools.require("/usr/bin/promtool", "prometheus");
    Result result = Processes.run(new ProcessBuilder(promtool, "test", "rules",
      "deploy/prometheus/tests/outage.test.yml"), 60);
    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("SUCCESS").doesNotContain("FAILED");
  }

  // ---- the sidecar example ----

  @Test
  void theSidecarExampleStartsBeforeTheApplicationAndStopsAfterIt() throws IOException {
    List<Map<String, Object>> resources = documents(SIDECAR);
    Map<String, Object> deployment = resource(resources, "Deployment", "chat-app");
    Map<String, Object> spec = podSpec(deployment);
    Map<String, Object> sidecar = container(spec, "initContainers", "health-service");
    // A native sidecar: an init container that keeps running (Kubernetes 1.29+). The kubelet starts the
    // containers only after its startup probe passes and stops it only after they have exited.
    assertThat(sidecar).containsEntry("restartPolicy", "Always");
    assertThat(list(spec.get("containers"))).extracting(c -> map(c).get("name")).doesNotContain("health-service").isNotEmpty();
    assertThat(probePath(sidecar, "startupProbe")).isEqualTo("/health/started");
    assertThat(probePath(sidecar, "livenessProbe")).isEqualTo("/health/live");
    // Deliberately not /health/ready: a dependency blip must not take the application's pods out of traffic.
    assertThat(probePath(sidecar, "readinessProbe")).isEqualTo("/health/live");
    for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
      assertThat(map(map(sidecar.get(probe)).get("httpGet")).get("port")).isEqualTo("health");
    }
    Map<String, Object> port = map(list(sidecar.get("ports")).get(0));
    assertThat(port).containsEntry("name", "health").containsEntry("containerPort", 8000);
    for (Object c : list(spec.get("containers"))) {
      for (Object p : list(map(c).getOrDefault("ports", List.of()))) {
        assertThat(map(p).get("containerPort")).as("the pod's network is shared").isNotEqualTo(8000);
      }
    }
    assertThat(map(sidecar.get("securityContext"))).containsEntry("runAsNonRoot", true).containsEntry("readOnlyRootFilesystem", true);

    // Its environment and the shared ConfigMap are a valid configuration; no drain after the application left.
    Map<String, String> env = new HashMap<>(Map.of("DATABASE_URL", "postgresql://app:x@db:5432/app", "REDIS_URL", "redis://r:6379"));
    for (Object e : list(sidecar.get("env"))) {
      if (map(e).containsKey("value")) {
        env.put((String) map(e).get("name"), String.valueOf(map(e).get("value")));
      }
    }
    String configYaml = (String) map(resource(applied(), "ConfigMap", "health-service-config").get("data")).get("config.yaml");
    Map<String, Object> tree = new Yaml().load(configYaml);
    map(tree).remove("details");
    ServiceConfig config = ConfigLoader.load(new JsonObject(tree), env);
    assertThat(config.drain()).isEqualTo(Duration.ZERO);
    assertThat((long) (Integer) spec.get("terminationGracePeriodSeconds")).isGreaterThan(config.drain().toSeconds() + 5);
    // It mounts what deploy/k8s/ ships.
    assertThat(list(spec.get("volumes"))).anySatisfy(v -> assertThat(map(v).get("configMap")).isEqualTo(Map.of("name", "health-service-config")));

    // Its own headless Service for Prometheus, keeping unready pods, on the sidecar's port.
    Map<String, Object> service = map(resource(resources, "Service", "chat-app-health").get("spec"));
    assertThat(service).containsEntry("clusterIP", "None").containsEntry("publishNotReadyAddresses", true);
    assertThat(map(map(map(deployment.get("spec")).get("template")).get("metadata")).get("labels"))
      .isEqualTo(service.get("selector"));
    assertThat(map(list(service.get("ports")).get(0))).containsEntry("port", 8000).containsEntry("targetPort", "health");
  }

  private static String probePath(Map<String, Object> container, String probe) {
    return (String) map(map(container.get(probe)).get("httpGet")).get("path");
  }

  // ---- helpers ----

  private static Map<String, Object> prometheusConfig() throws IOException {
    return map(new Yaml().load(Files.readString(PROMETHEUS)));
  }

  private static Map<String, Object> job(Map<String, Object> config, String name) {
    return list(config.get("scrape_configs")).stream().map(KubernetesSetupTest::map)
      .filter(j -> name.equals(j.get("job_name"))).findFirst()
      .orElseThrow(() -> new AssertionError("prometheus.yml has no job " + name));
  }

  private static Map<String, Object> podSpec(Map<String, Object> deployment) {
    return map(map(map(deployment.get("spec")).get("template")).get("spec"));
  }

  private static List<Map<String, Object>> containers(Map<String, Object> spec) {
    List<Map<String, Object>> all = new ArrayList<>();
    for (String key : List.of("initContainers", "containers")) {
      list(spec.getOrDefault(key, List.of())).forEach(c -> all.add(map(c)));
    }
    return all;
  }

  private static Map<String, Object> container(Map<String, Object> spec, String key, String name) {
    return list(spec.get(key)).stream().map(KubernetesSetupTest::map).filter(c -> name.equals(c.get("name")))
      .findFirst().orElseThrow(() -> new AssertionError("no " + key + " " + name));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object value) {
    return (List<Object>) value;
  }
}
