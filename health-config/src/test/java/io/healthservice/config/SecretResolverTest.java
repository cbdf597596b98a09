package io.healthservice.config;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretResolverTest {

  @TempDir
  Path dir;

  private Optional<String> token(JsonObject details, Map<String, String> env) {
    EnvOverlay overlay = new EnvOverlay(env);
    TypedReader node = TypedReader.root(new JsonObject().put("details", details), overlay).section("details");
    return new SecretResolver(overlay).secret(node, "token", "TOKEN");
  }

  private String file(String name, String content) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, content);
    return file.toString();
  }

  @Test
  void everyFormResolvesToTheSameValue() throws Exception {
    String file = file("token", "s3cret-value\n");
    assertThat(token(new JsonObject().put("token", " s3cret-value "), Map.of())).contains("s3cret-value");
    assertThat(token(new JsonObject().put("token_env", "OTHER"), Map.of("OTHER", "s3cret-value"))).contains("s3cret-value");
    assertThat(token(new JsonObject().put("token_file", file), Map.of())).contains("s3cret-value");
    assertThat(token(new JsonObject(), Map.of("TOKEN", "s3cret-value"))).contains("s3cret-value");
    assertThat(token(new JsonObject(), Map.of("TOKEN_FILE", file))).contains("s3cret-value");
    assertThat(token(new JsonObject(), Map.of())).isEmpty();
  }

  @Test
  void theEnvironmentWinsOverTheFile() throws Exception {
    assertThat(token(new JsonObject().put("token", "from-file").put("token_file", "/nonexistent"),
      Map.of("TOKEN", "from-env"))).contains("from-env");
  }

  @Test
  void twoFormsAtOnceAreAnErrorNamingTheKey() throws Exception {
    String file = file("token", "s3cret-value");
    assertThatThrownBy(() -> token(new JsonObject().put("token", "a").put("token_file", file), Map.of()))
      .isInstanceOf(ConfigException.class)
      .hasMessage("details.token: give only one of token, token_env and token_file");
    assertThatThrownBy(() -> token(new JsonObject(), Map.of("TOKEN", "a", "TOKEN_FILE", file)))
      .hasMessage("TOKEN: set either TOKEN or TOKEN_FILE, not both");
  }

  @Test
  void errorsNameTheFormUsedAndNeverTheValue() throws Exception {
    assertThatThrownBy(() -> token(new JsonObject().put("token_env", "MISSING"), Map.of("MISSING", " ")))
      .hasMessage("details.token_env: environment variable MISSING is not set");
    String empty = file("empty", "\n");
    assertThatThrownBy(() -> token(new JsonObject().put("token_file", empty), Map.of()))
      .hasMessage("details.token_file: file " + empty + " is empty");
    assertThatThrownBy(() -> token(new JsonObject(), Map.of("TOKEN_FILE", "/nonexistent/token")))
      .hasMessage("TOKEN_FILE: cannot read file /nonexistent/token");
    assertThatThrownBy(() -> token(new JsonObject().put("token", "s3cret\u0001value"), Map.of()))
      .hasMessage("details.token: must be non-empty with no control characters");
    assertThatThrownBy(() -> token(new JsonObject(), Map.of("TOKEN", "s3cret\u0001value")))
      .hasMessage("TOKEN: must not contain control characters");
  }

  @Test
  void aWholeUrlFromAFileExcludesTheVariable() throws Exception {
    String url = file("url", "postgresql://app:pw@db/app\n");
    SecretResolver secrets = new SecretResolver(new EnvOverlay(Map.of("DATABASE_URL_FILE", url)));
    assertThat(secrets.urlFile("DATABASE_URL")).contains("postgresql://app:pw@db/app");
    assertThat(secrets.urlFile("REDIS_URL")).isEmpty();
    SecretResolver both = new SecretResolver(new EnvOverlay(Map.of("DATABASE_URL_FILE", url,
      "DATABASE_URL", "postgresql://db/app")));
    assertThatThrownBy(() -> both.urlFile("DATABASE_URL"))
      .hasMessage("DATABASE_URL: set either DATABASE_URL or DATABASE_URL_FILE, not both");
  }

  @Test
  void aPasswordFromTheEnvironmentWinsOverPasswordFile() throws Exception {
    String file = file("pw", "from-file\n");
    EnvOverlay env = new EnvOverlay(Map.of("REDIS_PASSWORD", "from-env"));
    TypedReader redis = TypedReader.root(new JsonObject().put("redis", new JsonObject().put("password_file", file)),
      env).section("redis");
    assertThat(new SecretResolver(env).password(redis, "REDIS_PASSWORD")).contains("from-env");
    assertThat(new SecretResolver(new EnvOverlay(Map.of())).password(redis, "REDIS_PASSWORD")).contains("from-file");
  }
}
