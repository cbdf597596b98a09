package io.healthservice.docs;

import io.healthservice.config.ConfigException;
import io.healthservice.config.ConfigLoader;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every ```yaml block of README.md, CONTRIBUTING.md and docs/*.md is a configuration the service accepts:
 * parsed as YAML and validated by the service's own reader, {@link ConfigLoader#load}, exactly as
 * {@code conf/config.yaml} would be. A block that is some other file (Compose, Kubernetes, Alertmanager,
 * Prometheus) says so with {@code <!-- not-config: what it is -->} and must still parse as YAML; one marked
 * {@code <!-- not-config: excerpt of deploy/k8s/deployment.yaml -->} must also be found, key for key and value
 * for value, in some mapping of that file (so the page shows what is shipped). A variable
 * that a snippet names with a {@code *_env} key is set to a placeholder (a URL when its name says URL), as an
 * operator would set it; no other environment applies. A failure names the page and line.
 */
class DocsConfigSnippetsTest {

  private static final Pattern NOT_CONFIG = Pattern.compile("not-config:\\s*\\S.*");
  private static final Pattern EXCERPT_OF = Pattern.compile("not-config:.*\\bexcerpt of\\s+(\\S+)");
  private static final Pattern ENV_REFERENCE = Pattern.compile("\\w+_env:\\s*([A-Z][A-Z0-9_]*)");

  @Test
  void everyConfigSnippetIsAcceptedByTheServicesReader() {
    List<String> problems = new ArrayList<>();
    int configs = 0;
    int others = 0;
    for (Path page : Markdown.pages()) {
      for (Markdown.Block block : Markdown.blocks(page)) {
        if (!block.language().equals("yaml") && !block.language().equals("yml")) {
          continue;
        }
        if (notConfig(block)) {
          others++;
        } else {
          configs++;
        }
        String problem = check(block);
        if (problem != null) {
          problems.add(block.where() + ": " + problem);
        }
      }
    }
    assertThat(problems).as("yaml snippets the service would refuse").isEmpty();
    assertThat(configs).as("configuration snippets found").isGreaterThanOrEqualTo(5);
    assertThat(others).as("other YAML snippets found (Kubernetes probes, Compose, Alertmanager)").isGreaterThanOrEqualTo(2);
  }

  /** The check itself fails when it should: a typo, a bad value, broken YAML, an unlabelled Kubernetes snippet. */
  @Test
  void theCheckCatchesMistakes() {
    assertThat(check(block("", "checks:\n  redis: {url: redis://cache:6379}\n"))).isNull();
    assertThat(check(block("", "checks:\n  redis: {ur1: redis://cache:6379}\n")))
      .contains("checks.redis.ur1: unknown setting");
    assertThat(check(block("", "notifications:\n  reminder_interval: 1h\n")))
      .contains("notifications.reminder_interval: must be a duration");
    assertThat(check(block("", "checks:\n  llm_services:\n    endpoints:\n      - {name: a, api_key_env: OPENAI_API_KEY}\n")))
      .isNull();
    assertThat(check(block("", "http: {port: 8000\n"))).contains("not YAML");
    assertThat(check(block("", "readinessProbe: {httpGet: {path: /health/ready, port: http}}\n")))
      .contains("unknown setting");
    assertThat(check(block("not-config: Kubernetes probes", "readinessProbe: {httpGet: {path: /health/ready, port: http}}\n")))
      .isNull();
    assertThat(check(block("not-config: Kubernetes probes", "readinessProbe: {httpGet: {path: /health/ready\n")))
      .contains("not YAML");
    String excerpt = "not-config: Kubernetes probes, an excerpt of deploy/k8s/deployment.yaml";
    assertThat(check(block(excerpt, "readinessProbe: {httpGet: {path: /health/ready, port: http}, periodSeconds: 5}\n")))
      .isNull();
    assertThat(check(block(excerpt, "readinessProbe: {httpGet: {path: /health/ready, port: http}, periodSeconds: 7}\n")))
      .contains("not in deploy/k8s/deployment.yaml: readinessProbe");
  }

  private static Markdown.Block block(String marker, String body) {
    String text = (marker.isEmpty() ? "" : "<!-- " + marker + " -->\n") + "```yaml\n" + body + "```\n";
    return Markdown.blocks(Markdown.root().resolve("docs/self-test.md"), text).get(0);
  }

  private static boolean notConfig(Markdown.Block block) {
    return block.marker().map(m -> NOT_CONFIG.matcher(m).matches()).orElse(false);
  }

  /** Null when the block is fine; else why not, with the line inside the block for a YAML error. */
  static String check(Markdown.Block block) {
    List<Object> documents = new ArrayList<>();
    try {
      LoaderOptions options = new LoaderOptions();
      options.setAllowDuplicateKeys(false);
      new Yaml(options).loadAll(block.text()).forEach(documents::add);
    } catch (YAMLException e) {
      return "not YAML: " + e.getMessage().lines().findFirst().orElse("") + yamlLine(e, block);
    }
    if (notConfig(block)) {
      return excerptProblem(block, documents);
    }
    if (documents.size() != 1 || !(documents.get(0) instanceof Map<?, ?> tree)) {
      return "a configuration is one YAML mapping (mark other files <!-- not-config: what -->)";
    }
    @SuppressWarnings("unchecked")
    JsonObject json = new JsonObject((Map<String, Object>) tree);
    try {
      ConfigLoader.load(json, environment(block.text()));
      return null;
    } catch (ConfigException e) {
      return "the service refuses it: " + e.getMessage();
    } catch (RuntimeException e) {
      return "the service's reader failed on it: " + e;
    }
  }

  /** For a block that says whose excerpt it is: null when the file holds every key and value it shows. */
  private static String excerptProblem(Markdown.Block block, List<Object> documents) {
    Matcher of = EXCERPT_OF.matcher(block.marker().orElse(""));
    if (!of.find()) {
      return null;
    }
    Path file = Markdown.root().resolve(of.group(1));
    if (!java.nio.file.Files.isRegularFile(file)) {
      return "no such file " + of.group(1);
    }
    List<Object> shipped = new ArrayList<>();
    new Yaml().loadAll(Markdown.read(file)).forEach(shipped::add);
    for (Object document : documents) {
      if (!(document instanceof Map<?, ?> excerpt)) {
        return "an excerpt is a YAML mapping";
      }
      for (Map.Entry<?, ?> entry : excerpt.entrySet()) {
        Map<Object, Object> one = Map.of(entry.getKey(), entry.getValue() == null ? NULL : entry.getValue());
        if (shipped.stream().noneMatch(tree -> foundIn(one, tree))) {
          return "not in " + of.group(1) + ": " + entry.getKey() + ": " + entry.getValue();
        }
      }
    }
    return null;
  }

  private static final Object NULL = new Object();

  /** Whether some mapping inside {@code tree} (at any depth) holds {@code excerpt}. */
  static boolean foundIn(Map<?, ?> excerpt, Object tree) {
    if (tree instanceof Map<?, ?> map) {
      if (subset(excerpt, map)) {
        return true;
      }
      return map.values().stream().anyMatch(v -> foundIn(excerpt, v));
    }
    if (tree instanceof List<?> list) {
      return list.stream().anyMatch(v -> foundIn(excerpt, v));
    }
    return false;
  }

  /** Every key of {@code part} in {@code whole} with an equal value (mappings compared the same way). */
  private static boolean subset(Object part, Object whole) {
    if (part == NULL) {
      return whole == null;
    }
    if (part instanceof Map<?, ?> p) {
      if (!(whole instanceof Map<?, ?> w)) {
        return false;
      }
      return p.entrySet().stream().allMatch(e -> w.containsKey(e.getKey())
        && subset(e.getValue() == null ? NULL : e.getValue(), w.get(e.getKey())));
    }
    if (part instanceof List<?> p) {
      if (!(whole instanceof List<?> w) || w.size() != p.size()) {
        return false;
      }
      for (int i = 0; i < p.size(); i++) {
        if (!subset(p.get(i) == null ? NULL : p.get(i), w.get(i))) {
          return false;
        }
      }
      return true;
    }
    return part.equals(whole);
  }

  /** Placeholders for the variables the snippet names in {@code *_env} keys. */
  private static Map<String, String> environment(String text) {
    Map<String, String> env = new HashMap<>();
    Matcher m = ENV_REFERENCE.matcher(text);
    while (m.find()) {
      String name = m.group(1);
      env.put(name, name.contains("URL") ? "https://hooks.example.com/" + name.toLowerCase() : "placeholder-" + name.toLowerCase());
    }
    env.put("HOSTNAME", "docs-test");
    return env;
  }

  private static String yamlLine(YAMLException e, Markdown.Block block) {
    if (e instanceof org.yaml.snakeyaml.error.MarkedYAMLException marked && marked.getProblemMark() != null) {
      return " (page line " + (block.line() + 1 + marked.getProblemMark().getLine()) + ")";
    }
    return "";
  }
}
