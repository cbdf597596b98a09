package io.healthservice.config;

import io.healthservice.CheckSettings;
import io.healthservice.DependencyCheck;
import io.healthservice.HealthCheckerBuilder;
import io.healthservice.checks.DatabaseCheck;
import io.healthservice.checks.LlmEndpoint;
import io.healthservice.checks.LlmEndpointCheck;
import io.healthservice.checks.RedisCheck;
import io.healthservice.checks.http.HttpCheck;
import io.healthservice.checks.mqtt.MqttCheck;
import io.healthservice.checks.tcp.TcpCheck;
import io.healthservice.grpc.check.GrpcCheck;
import io.healthservice.checks.mysql.MysqlCheck;
import io.healthservice.checks.rabbitmq.RabbitMqCheck;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClientOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The checks a configuration asks for, handed to the checker's builder: one entry per {@code checks:} key,
 * an LLM group as one entry over its endpoints.
 */
final class ConfiguredChecks {

  private static final Logger LOG = Logger.getLogger("health.service");

  private ConfiguredChecks() {
  }

  /**
   * Builds the checks (no I/O yet) into {@code builder} and logs one line per check: its target without secrets
   * and its timing. {@code userAgent} is what the LLM endpoints are told.
   */
  static HealthCheckerBuilder register(HealthCheckerBuilder builder, Vertx vertx, ServiceConfig config, String userAgent) {
    for (CheckOptions options : config.checks()) {
      if (options instanceof LlmOptions llm && llm.endpoints().isEmpty()) {
        continue; // no endpoint: no llm_services entry
      }
      if (options instanceof LlmOptions llm) {
        WebClientOptions llmClient = llmClientOptions(userAgent);
        List<DependencyCheck> endpoints = new ArrayList<>();
        for (LlmEndpoint endpoint : llm.endpoints()) {
          LlmEndpointCheck check = new LlmEndpointCheck(vertx, llmClient, endpoint);
          log(check, llm.settings());
          endpoints.add(check);
        }
        builder.group(llm.name(), llm.settings(), endpoints);
      } else {
        add(builder, checkOfKind(vertx, options), options.settings());
      }
    }
    return builder;
  }

  /** As {@link #check}, naming the jar to add when the kind's client library is not on the class path. */
  private static DependencyCheck checkOfKind(Vertx vertx, CheckOptions options) {
    try {
      return check(vertx, options);
    } catch (NoClassDefFoundError e) {
      throw new IllegalStateException("checks." + options.name() + ": type " + options.type() + " needs "
        + clientLibrary(options.type()) + " on the class path", e);
    }
  }

  private static String clientLibrary(String type) {
    return switch (type) {
      case "grpc" -> "io.healthservice:health-grpc";
      case "mysql" -> "io.vertx:vertx-mysql-client";
      case "rabbitmq" -> "io.vertx:vertx-rabbitmq-client";
      case "mqtt" -> "io.vertx:vertx-mqtt";
      default -> "its client library";
    };
  }

  /** The check of one entry: its kind's class over its options. */
  private static DependencyCheck check(Vertx vertx, CheckOptions options) {
    if (options instanceof DatabaseOptions db) {
      return new DatabaseCheck(vertx, db.name(), db.target(), db.mustBeWritable());
    }
    if (options instanceof RedisOptions redis) {
      return new RedisCheck(vertx, redis.name(), redis.target(), redis.topology(), redis.expectWritable());
    }
    if (options instanceof CheckOptions.Mysql mysql) {
      return new MysqlCheck(vertx, mysql.name(), mysql.target());
    }
    if (options instanceof CheckOptions.RabbitMq rabbit) {
      return new RabbitMqCheck(vertx, rabbit.name(), rabbit.target());
    }
    if (options instanceof CheckOptions.Mqtt mqtt) {
      return new MqttCheck(vertx, mqtt.name(), mqtt.target());
    }
    if (options instanceof CheckOptions.Http http) {
      return new HttpCheck(vertx, http.name(), http.target());
    }
    if (options instanceof CheckOptions.Tcp tcp) {
      return new TcpCheck(vertx, tcp.name(), tcp.target());
    }
    if (options instanceof CheckOptions.Grpc grpc) {
      return new GrpcCheck(vertx, grpc.name(), grpc.target());
    }
    throw new IllegalArgumentException("no check for type " + options.type());
  }

  private static void add(HealthCheckerBuilder builder, DependencyCheck check, CheckSettings settings) {
    log(check, settings);
    builder.check(check, settings);
  }

  private static void log(DependencyCheck check, CheckSettings s) {
    LOG.info("check=" + check.name() + " target=" + check.target() + " critical=" + s.critical()
      + " interval=" + s.interval().toMillis() + "ms timeout=" + s.timeout().toMillis() + "ms max_age="
      + s.maxAge().toMillis() + "ms");
  }

  /**
   * Each LLM endpoint builds its own client from these (so each records its own server's certificate);
   * connect and idle limits come from each run's budget.
   */
  private static WebClientOptions llmClientOptions(String userAgent) {
    return new WebClientOptions()
      .setUserAgent(userAgent)
      .setFollowRedirects(false)
      .setKeepAlive(true)
      .setIdleTimeout(60)
      .setIdleTimeoutUnit(TimeUnit.SECONDS);
  }
}
