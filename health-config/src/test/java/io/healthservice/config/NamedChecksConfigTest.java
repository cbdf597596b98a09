package io.healthservice.config;

import io.healthservice.http.LlmKind;
import io.healthservice.http.StatusRange;
import io.healthservice.mysql.MysqlKind;
import io.healthservice.postgres.PostgresKind;
import io.healthservice.redis.RedisKind;
import io.healthservice.spi.CheckDefinition;
import io.healthservice.grpc.check.GrpcTarget;
import io.healthservice.http.HttpTarget;
import io.healthservice.kit.Target;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code checks:} as data: names, kinds, switches, per-check variables, and every bad input naming its key. */
class NamedChecksConfigTest {

  private static ServiceConfig load(String json, Map<String, String> env) {
    return ConfigLoader.load(new JsonObject(json), env);
  }

  private static List<String> names(ServiceConfig config) {
    return config.checks().stream().map(CheckDefinition::name).toList();
  }

  @Test
  void theIssuesExampleParsesAsYamlWithTheServicesOwnReader(@TempDir Path dir) throws Exception {
    Path secret = Files.writeString(dir.resolve("amqp"), "s3cret-amqp\n");
    Path file = Files.writeString(dir.resolve("config.yaml"), """
      checks:
        database:  {url: postgresql://app@db:5432/app}
        redis:     {enabled: false}
        orders-db: {type: postgres, url: postgresql://orders@orders-db:5432/orders, critical: true}
        cache:     {type: redis, url: redis://cache:6379, critical: false}
        broker:    {type: rabbitmq, url: amqp://app@rabbit:5672/%2f, password_file: SECRET}
        legacy-db: {type: mysql, url: mysql://app@mariadb:3306/app}
        presence:  {type: mqtt, url: mqtt://mosquitto:1883}
        search:    {type: http, url: http://search:9200/_cluster/health, expect_status: 200, expect_body: green}
        payments:  {type: grpc, url: grpc://payments:50051, service: payments.v1.Payments}
        smtp:      {type: tcp, url: tcp://smtp:25}
      """.replace("SECRET", secret.toString()));
    Vertx vertx = Vertx.vertx();
    try {
      ServiceConfig config = ConfigReader.read(vertx, Map.of("HEALTH_CONFIG", file.toString()))
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      assertThat(names(config)).containsExactly("database", "llm_services", "orders-db", "cache", "broker",
        "legacy-db", "presence", "search", "payments", "smtp");
      assertThat(config.check("cache", RedisKind.Definition.class).settings().critical()).isFalse();
      assertThat(config.check("orders-db", PostgresKind.Definition.class).settings().critical()).isTrue();
      assertThat(target(config, "broker").password()).contains("s3cret-amqp");
      assertThat(((HttpTarget) config.check("search", CheckDefinition.Single.class).target()).expectStatus())
        .containsExactly(new StatusRange(200, 200));
      assertThat(((GrpcTarget) config.check("payments", CheckDefinition.Single.class).target()).service()).isEqualTo("payments.v1.Payments");
      assertThat(config.toString()).doesNotContain("s3cret-amqp");
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void theSeedNamesKeepTheirKindsDefaultsAndVariables() {
    ServiceConfig config = load("{}", Map.of("DATABASE_URL", "postgresql://u@db:5432/app", "REDIS_URL", "redis://cache:6380"));
    assertThat(names(config)).containsExactly("database", "redis", "llm_services");
    assertThat(config.check("database", PostgresKind.Definition.class).target().url()).isEqualTo("postgresql://u@db:5432/app");
    assertThat(config.check("redis", RedisKind.Definition.class).topology().urls()).containsExactly("redis://cache:6380");
    assertThat(config.check("llm_services", LlmKind.Definition.class).endpoints()).isEmpty();
  }

  @Test
  void expectWritableIsARedisSettingOffByDefault() {
    ServiceConfig config = load("{\"checks\":{\"cache\":{\"type\":\"redis\",\"url\":\"redis://c:6379\",\"expect_writable\":true}}}", Map.of());
    assertThat(config.check("cache", RedisKind.Definition.class).expectWritable()).isTrue();
    assertThat(config.check("redis", RedisKind.Definition.class).expectWritable()).isFalse();
    assertThat(load("{}", Map.of("HEALTH_CHECK_REDIS_EXPECT_WRITABLE", "true")).check("redis", RedisKind.Definition.class).expectWritable()).isTrue();
  }

  @Test
  void anyCheckSeedsIncludedIsSwitchedOffAlsoByItsVariable() {
    assertThat(names(load("{\"checks\":{\"redis\":{\"enabled\":false}}}", Map.of())))
      .containsExactly("database", "llm_services");
    assertThat(names(load("{}", Map.of("HEALTH_CHECK_DATABASE_ENABLED", "false")))).containsExactly("redis", "llm_services");
  }

  @Test
  void anyChecksUrlHasItsOwnVariable() {
    ServiceConfig config = load("{\"checks\":{\"orders-db\":{\"type\":\"postgres\",\"url\":\"postgresql://a@x:5432/a\"}}}",
      Map.of("HEALTH_CHECK_ORDERS_DB_URL", "postgresql://b@y:5432/b", "HEALTH_CHECK_ORDERS_DB_PASSWORD", "pw-from-env"));
    PostgresKind.Definition orders = config.check("orders-db", PostgresKind.Definition.class);
    assertThat(orders.target().url()).isEqualTo("postgresql://b@y:5432/b");
    assertThat(orders.target().password()).contains("pw-from-env");
  }

  @Test
  void aUrlMayComeFromAVariableOrAFileNamedByTheCheck(@TempDir Path dir) throws Exception {
    Path url = Files.writeString(dir.resolve("url"), "mysql://app:pw@maria:3306/app\n");
    ServiceConfig config = load("{\"checks\":{\"a\":{\"type\":\"mqtt\",\"url_env\":\"MY_MQTT\"},"
      + "\"b\":{\"type\":\"mysql\",\"url_file\":\"" + url + "\"}}}", Map.of("MY_MQTT", "mqtt://broker:1883"));
    assertThat(target(config, "a").url()).isEqualTo("mqtt://broker:1883");
    assertThat(config.check("b", MysqlKind.Definition.class).target().url()).isEqualTo("mysql://app:pw@maria:3306/app");
  }

  static Stream<Arguments> badInput() {
    return Stream.of(
      Arguments.of("{\"checks\":{\"x\":{\"type\":\"oracle\",\"url\":\"tcp://a:1\"}}}", "checks.x.type"),
      Arguments.of("{\"checks\":{\"legacy-db\":{\"type\":\"mysql\"}}}", "checks.legacy-db.url"),
      Arguments.of("{\"checks\":{\"legacy-db\":{\"type\":\"mysql\",\"url\":\"postgresql://a@b:5432/c\"}}}", "checks.legacy-db.url"),
      Arguments.of("{\"checks\":{\"legacy-db\":{\"type\":\"mysql\",\"url\":\"mysql://a:pw@b:3306/\"}}}", "checks.legacy-db.url"),
      Arguments.of("{\"checks\":{\"b\":{\"type\":\"rabbitmq\",\"url\":\"http://rabbit:15672\"}}}", "checks.b.url"),
      Arguments.of("{\"checks\":{\"p\":{\"type\":\"mqtt\",\"url\":\"tcp://m:1883\"}}}", "checks.p.url"),
      Arguments.of("{\"checks\":{\"s\":{\"type\":\"tcp\",\"url\":\"tcp://smtp\"}}}", "checks.s.url"),
      Arguments.of("{\"checks\":{\"g\":{\"type\":\"grpc\",\"url\":\"http://g:50051\"}}}", "checks.g.url"),
      Arguments.of("{\"checks\":{\"h\":{\"type\":\"http\",\"url\":\"http://h/\",\"method\":\"POST\"}}}", "checks.h.method"),
      Arguments.of("{\"checks\":{\"h\":{\"type\":\"http\",\"url\":\"http://h/\",\"expect_status\":\"6xx\"}}}", "checks.h.expect_status"),
      Arguments.of("{\"checks\":{\"h\":{\"type\":\"http\",\"url\":\"http://h/\",\"master_name\":\"m\"}}}", "checks.h.master_name"),
      Arguments.of("{\"checks\":{\"cache\":{\"type\":\"redis\",\"url\":\"redis://c:6379\",\"expect_writable\":\"sometimes\"}}}", "checks.cache.expect_writable"),
      Arguments.of("{\"checks\":{\"ready\":{\"type\":\"tcp\",\"url\":\"tcp://a:1\"}}}", "checks.ready"),
      Arguments.of("{\"checks\":{\"Orders\":{\"type\":\"tcp\",\"url\":\"tcp://a:1\"}}}", "checks.Orders"),
      Arguments.of("{\"checks\":{\"a-b\":{\"type\":\"tcp\",\"url\":\"tcp://a:1\"},\"a_b\":{\"type\":\"tcp\",\"url\":\"tcp://a:1\"}}}",
        "checks.a_b"),
      Arguments.of("{\"checks\":{\"mq\":{\"type\":\"tcp\",\"url\":\"tcp://a:1\"},\"llm_services\":{\"endpoints\":"
        + "[{\"name\":\"mq\",\"provider\":\"openai\",\"base_url\":\"http://l:1\"}]}}}", "checks.llm_services"),
      Arguments.of("{\"checks\":{\"x\":{\"url\":\"tcp://a:1\"}}}", "checks.x"));
  }

  @ParameterizedTest
  @MethodSource("badInput")
  void badInputFailsAtStartNamingTheKey(String file, String setting) {
    assertThatThrownBy(() -> load(file, Map.of()))
      .isInstanceOf(ConfigException.class)
      .satisfies(e -> assertThat(((ConfigException) e).setting()).isEqualTo(setting));
  }

  /** A reload keeps the running check of an entry whose definition is equal: every kind's is a value. */
  @Test
  void theSameEntriesReadTwiceAreEqualDefinitionsAndAChangeIsNot() {
    String file = "{\"checks\":{\"llm_services\":{\"endpoints\":[{\"name\":\"openai\",\"api_key\":\"k\"}]},"
      + "\"orders\":{\"type\":\"postgres\",\"url\":\"postgresql://a@b:5432/c\"},\"s\":{\"type\":\"http\",\"url\":\"http://h/\"},"
      + "\"t\":{\"type\":\"tcp\",\"url\":\"tcp://a:1\"},\"g\":{\"type\":\"grpc\",\"url\":\"grpc://g:1\"},"
      + "\"m\":{\"type\":\"mysql\",\"url\":\"mysql://a@b:3306/c\"},\"r\":{\"type\":\"rabbitmq\",\"url\":\"amqp://a@b:5672/v\"},"
      + "\"q\":{\"type\":\"mqtt\",\"url\":\"mqtt://m:1883\"}}}";
    List<CheckDefinition> first = load(file, Map.of()).checks();
    assertThat(load(file, Map.of()).checks()).isEqualTo(first).hasSize(10);
    List<CheckDefinition> changed = load(file.replace("tcp://a:1", "tcp://a:2"), Map.of()).checks();
    assertThat(changed).filteredOn(d -> !first.contains(d)).extracting(CheckDefinition::name).containsExactly("t");
  }

  @Test
  void jsonValuesMeaningOkOrWarnAreReadAsTextOrLists() {
    ServiceConfig config = load("{\"checks\":{\"search\":{\"type\":\"http\",\"url\":\"http://es:9200/_cluster/health\","
      + "\"expect_json_pointer\":\"/status\",\"expect_json_value\":[\"green\"],\"warn_json_value\":\"yellow\"}}}", Map.of());
    HttpTarget target = (HttpTarget) config.check("search", CheckDefinition.Single.class).target();
    assertThat(target.expectJson()).hasValueSatisfying(json -> {
      assertThat(json.ok()).containsExactly("green");
      assertThat(json.warn()).containsExactly("yellow");
    });
    assertThatThrownBy(() -> load("{\"checks\":{\"s\":{\"type\":\"http\",\"url\":\"http://h/\",\"expect_json_pointer\":\"/s\","
      + "\"expect_json_value\":\"a\",\"warn_json_value\":[\"a\"]}}}", Map.of()))
      .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.setting()).isEqualTo("checks.s.warn_json_value"));
    assertThatThrownBy(() -> load("{\"checks\":{\"s\":{\"type\":\"http\",\"url\":\"http://h/\",\"warn_json_value\":\"y\"}}}", Map.of()))
      .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.setting()).isEqualTo("checks.s.expect_json_pointer"));
  }

  @Test
  void aNatsEntryReadsItsTokenAndRefusesAnotherScheme() {
    ServiceConfig config = load("{\"checks\":{\"events\":{\"type\":\"nats\",\"url\":\"nats://n:4222\",\"token_env\":\"T\"}}}",
      Map.of("T", "tok-1234"));
    Object target = config.check("events", CheckDefinition.Single.class).target();
    assertThat(target).isInstanceOf(io.healthservice.nats.NatsTarget.class);
    assertThat(((io.healthservice.nats.NatsTarget) target).token()).contains("tok-1234");
    assertThat(config.toString()).doesNotContain("tok-1234");
    assertThatThrownBy(() -> load("{\"checks\":{\"events\":{\"type\":\"nats\",\"url\":\"http://n:4222\"}}}", Map.of()))
      .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.setting()).isEqualTo("checks.events.url"));
  }

  @Test
  void dnsAndMemcachedEntriesAreReadByTheirKinds() {
    ServiceConfig config = load("{\"checks\":{\"resolver\":{\"type\":\"dns\",\"url\":\"dns://10.0.0.2/db.internal?type=AAAA\","
      + "\"expect_answer\":\"fd00::\"},\"cache\":{\"type\":\"memcached\",\"url\":\"memcached://mc:11211\"}}}", Map.of());
    assertThat(config.check("resolver", CheckDefinition.Single.class).target().toString()).contains("AAAA").contains("db.internal");
    assertThat(config.check("cache", CheckDefinition.Single.class).target().toString()).contains("mc").contains("11211");
    assertThatThrownBy(() -> load("{\"checks\":{\"r\":{\"type\":\"dns\",\"url\":\"dns://10.0.0.2/x?type=SOA\"}}}", Map.of()))
      .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.setting()).isEqualTo("checks.r.url"));
  }

  @Test
  void kafkaMongodbAndSmtpEntriesAreReadByTheirKinds() {
    ServiceConfig config = load("{\"checks\":{"
      + "\"events\":{\"type\":\"kafka\",\"url\":\"kafka://alice:pw-kafka-77@k1,k2:9093\",\"sasl_mechanism\":\"scram-sha-512\",\"min_brokers\":2},"
      + "\"orders-db\":{\"type\":\"mongodb\",\"url\":\"mongodb://app:pw-mongo-77@m1,m2/orders?replicaSet=rs0\"},"
      + "\"mail\":{\"type\":\"smtp\",\"url\":\"smtp://mail.internal\",\"starttls\":true}}}", Map.of());
    io.healthservice.kafka.KafkaTarget kafka = (io.healthservice.kafka.KafkaTarget) config.check("events", CheckDefinition.Single.class).target();
    assertThat(kafka.user()).contains("alice");
    assertThat(kafka.saslMechanism()).contains("SCRAM-SHA-512");
    assertThat(kafka.minBrokers()).isEqualTo(2);
    assertThat(config.check("orders-db", CheckDefinition.Single.class).type()).isEqualTo("mongodb");
    assertThat(config.check("mail", CheckDefinition.Single.class).type()).isEqualTo("smtp");
    assertThat(config.toString()).doesNotContain("pw-kafka-77").doesNotContain("pw-mongo-77");
    assertThatThrownBy(() -> load("{\"checks\":{\"e\":{\"type\":\"kafka\",\"url\":\"kafka://alice:pw@k1\"}}}", Map.of()))
      .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.setting()).isEqualTo("checks.e.sasl_mechanism"));
    assertThatThrownBy(() -> load("{\"checks\":{\"m\":{\"type\":\"mongodb\",\"url\":\"mongodb+srv://cluster0.example.net/db\"}}}", Map.of()))
      .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.setting()).isEqualTo("checks.m.url"));
    assertThatThrownBy(() -> load("{\"checks\":{\"s\":{\"type\":\"smtp\",\"url\":\"smtps://mail\",\"starttls\":true}}}", Map.of()))
      .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.setting()).startsWith("checks.s."));
  }

  /** The target of a kind that defines one check on a {@link Target} (mqtt, rabbitmq). */
  private static Target target(ServiceConfig config, String name) {
    return (Target) config.check(name, CheckDefinition.Single.class).target();
  }
}
