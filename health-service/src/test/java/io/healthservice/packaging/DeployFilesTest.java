package io.healthservice.packaging;

import io.healthservice.config.ConfigLoader;
import io.healthservice.config.ServiceConfig;
import io.healthservice.http.LlmKind;
import io.healthservice.postgres.PostgresKind;
import io.healthservice.redis.RedisKind;
import io.healthservice.support.Fixture;
import io.healthservice.support.RunningService;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No Docker engine or cluster runs here, so the deploy files are checked the way they can be: parsed,
 * cross-checked against the code (paths, settings, jar name), and their probe paths called on a real
 * running service.
 */
@ExtendWith(VertxExtension.class)
class DeployFilesTest {

  @SuppressWarnings("unchecked")
  private static Map<String, Object> yaml(String path) throws Exception {
    return new Yaml().load(Files.readString(Path.of(path)));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return (Map<String, Object>) value;
  }

  @Test
  void dockerfileBuildsAndRunsTheJarAsNonRoot() throws Exception {
    String dockerfile = Files.readString(Path.of("Dockerfile"));
    assertThat(dockerfile).contains("FROM maven:3.9-eclipse-temurin-17 AS build")
      .contains("mvn -B -q package -DskipTests -pl health-service -am")
      .contains("COPY --from=build /src/health-service/target/health-service.jar /app/health-service.jar")
      .contains("FROM eclipse-temurin:17-jre")
      .contains("EXPOSE 8000")
      // One options file for the image and bench/footprint.sh, and the AppCDS archive it names, built in the image.
      .contains("COPY deploy/jvm/jvm.options deploy/jvm/build-cds.sh /app/")
      .contains("RUN sh build-cds.sh /app/jvm.options /app/health-service.jar")
      .contains("WORKDIR /app")
      .contains("ENTRYPOINT [\"java\", \"@/app/jvm.options\", \"-jar\", \"/app/health-service.jar\"]")
      .doesNotContain("JAVA_TOOL_OPTIONS");
    assertThat(Files.readString(Path.of("deploy/jvm/jvm.options"))).contains("-XX:SharedArchiveFile=health-service.jsa");
    Matcher user = Pattern.compile("(?m)^USER (\\S+)").matcher(dockerfile);
    assertThat(user.find()).isTrue();
    assertThat(user.group(1)).isNotIn("root", "0");
    assertThat(dockerfile).containsPattern("HEALTHCHECK .*\\n\\s+CMD curl -fsS -o /dev/null \"http://127.0.0.1:\\$\\{HTTP_PORT:-8000}/health/live\"");
    assertThat(Files.readString(Path.of("health-service/pom.xml"))).as("the jar name the Dockerfile copies")
      .contains("<finalName>health-service</finalName>");
    // The build stage copies the project as one layer (the reactor reads every module's pom); .dockerignore keeps
    // build output, Git and node_modules out of it. Every module the root pom names is there to copy.
    assertThat(dockerfile).contains("\nCOPY . .\n").doesNotContainPattern("COPY health-[\\w-]+/");
    assertThat(Files.readAllLines(Path.of(".dockerignore"))).contains("**/target/", ".git/", "**/node_modules/");
    Matcher module = Pattern.compile("<module>([\\w-]+)</module>").matcher(Files.readString(Path.of("pom.xml")));
    int modules = 0;
    while (module.find()) {
      assertThat(Files.exists(Path.of(module.group(1), "pom.xml"))).as(module.group(1)).isTrue();
      modules++;
    }
    assertThat(modules).isGreaterThan(20);
  }

  @Test
  void composeWiresTheServiceAfterHealthyDependencies() throws Exception {
    Map<String, Object> services = map(yaml("docker-compose.yml").get("services"));
    Map<String, Object> health = map(services.get("health-service"));
    Map<String, Object> dependsOn = map(health.get("depends_on"));
    assertThat(dependsOn).containsOnlyKeys("postgres", "redis");
    dependsOn.values().forEach(d -> assertThat(map(d)).containsEntry("condition", "service_healthy"));
    assertThat(map(services.get("postgres"))).containsKey("healthcheck");
    assertThat(map(services.get("redis"))).containsKey("healthcheck");
    Map<String, Object> check = map(health.get("healthcheck"));
    assertThat(check.get("test")).isEqualTo(List.of("CMD", "curl", "-f", "http://localhost:8000/health"));
    assertThat(check).containsEntry("interval", "30s").containsEntry("timeout", "10s").containsEntry("retries", 3);

    // The environment it sets is a valid configuration (Compose turns ${X:-} into "").
    Map<String, String> env = new HashMap<>();
    map(health.get("environment")).forEach((k, v) -> env.put(k, String.valueOf(v).replaceAll("\\$\\{[A-Z_]+:-}", "")));
    ServiceConfig config = ConfigLoader.load(new JsonObject(), env);
    assertThat(config.check("database", PostgresKind.Definition.class).target().url()).contains("@postgres:5432");
    assertThat(config.check("redis", RedisKind.Definition.class).target().url()).isEqualTo("redis://redis:6379");
    assertThat(config.check("llm_services", LlmKind.Definition.class).endpoints()).isEmpty();
  }

  @Test
  void kubernetesConfigMapIsAValidConfig(@TempDir Path secrets) throws Exception {
    Files.writeString(secrets.resolve("details-token"), "value-of-details-token-0123456789\n");
    String configYaml = (String) map(yaml("deploy/k8s/configmap.yaml").get("data")).get("config.yaml");
    Map<String, Object> tree = new Yaml().load(configYaml.replace("/var/run/secrets/health-service", secrets.toString()));
    ServiceConfig config = ConfigLoader.load(new JsonObject(tree), Map.of("DATABASE_URL", "postgresql://app:x@db:5432/app"));
    // No LLM endpoint unless the Secret's optional llm-api-url is set (KubernetesSetupTest).
    assertThat(config.check("llm_services", LlmKind.Definition.class).endpoints()).isEmpty();
    assertThat(config.details().token()).isPresent();

    Map<String, Object> spec = map(map(map(yaml("deploy/k8s/deployment.yaml").get("spec")).get("template")).get("spec"));
    int grace = (Integer) spec.get("terminationGracePeriodSeconds");
    assertThat((long) grace).isGreaterThan(config.drain().toSeconds() + 5);
    assertThat(map(spec.get("securityContext"))).containsEntry("runAsNonRoot", true);
  }

  @Test
  @SuppressWarnings("unchecked")
  void kubernetesProbesPointAtEndpointsThatAnswer(Vertx vertx) throws Exception {
    Map<String, Object> spec = map(map(map(yaml("deploy/k8s/deployment.yaml").get("spec")).get("template")).get("spec"));
    Map<String, Object> container = map(((List<Object>) spec.get("containers")).get(0));
    Map<String, String> paths = new HashMap<>();
    for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
      Map<String, Object> p = map(container.get(probe));
      paths.put(probe, (String) map(p.get("httpGet")).get("path"));
      assertThat((Integer) p.get("timeoutSeconds")).isGreaterThanOrEqualTo(1);
    }
    assertThat(paths).containsEntry("startupProbe", "/health/started").containsEntry("livenessProbe", "/health/live")
      .containsEntry("readinessProbe", "/health/ready");
    try (Fixture fixture = new Fixture(vertx); RunningService service = fixture.start()) {
      // Awaited, not asserted at once: in a cold JVM the first check runs can time out, and readiness
      // is 503 until the next ones succeed.
      for (String path : paths.values()) {
        service.await(path, p -> p.status() == 200);
      }
    }
  }
}
