package io.healthservice.config;

import io.healthservice.CheckSettings;
import io.healthservice.checks.http.HttpTarget;
import io.healthservice.checks.mqtt.MqttTarget;
import io.healthservice.checks.mysql.MysqlTarget;
import io.healthservice.checks.rabbitmq.RabbitMqTarget;
import io.healthservice.checks.tcp.TcpTarget;
import io.healthservice.grpc.check.GrpcTarget;

import java.util.Objects;

/**
 * One entry of {@code checks:}: its name (the key), its kind ({@code type:}) and settings. Each kind's
 * record prints without secrets: the targets mask their own.
 */
public sealed interface CheckOptions
  permits DatabaseOptions, RedisOptions, LlmOptions, CheckOptions.Mysql, CheckOptions.RabbitMq, CheckOptions.Mqtt,
  CheckOptions.Http, CheckOptions.Tcp, CheckOptions.Grpc {

  /** The key under {@code checks:}: the entry in {@code dependencies}, {@code /health/{name}}, metrics. */
  String name();

  /** The {@code type:}: postgres, redis, llm, mysql, rabbitmq, mqtt, ... */
  String type();

  CheckSettings settings();

  /** {@code type: mysql}. */
  record Mysql(String name, CheckSettings settings, MysqlTarget target) implements CheckOptions {
    public Mysql {
      Objects.requireNonNull(target);
    }

    @Override
    public String type() {
      return "mysql";
    }
  }

  /** {@code type: rabbitmq}. */
  record RabbitMq(String name, CheckSettings settings, RabbitMqTarget target) implements CheckOptions {
    public RabbitMq {
      Objects.requireNonNull(target);
    }

    @Override
    public String type() {
      return "rabbitmq";
    }
  }

  /** {@code type: mqtt}. */
  record Mqtt(String name, CheckSettings settings, MqttTarget target) implements CheckOptions {
    public Mqtt {
      Objects.requireNonNull(target);
    }

    @Override
    public String type() {
      return "mqtt";
    }
  }

  /** {@code type: http}. */
  record Http(String name, CheckSettings settings, HttpTarget target) implements CheckOptions {
    public Http {
      Objects.requireNonNull(target);
    }

    @Override
    public String type() {
      return "http";
    }
  }

  /** {@code type: tcp}. */
  record Tcp(String name, CheckSettings settings, TcpTarget target) implements CheckOptions {
    public Tcp {
      Objects.requireNonNull(target);
    }

    @Override
    public String type() {
      return "tcp";
    }
  }

  /** {@code type: grpc}. */
  record Grpc(String name, CheckSettings settings, GrpcTarget target) implements CheckOptions {
    public Grpc {
      Objects.requireNonNull(target);
    }

    @Override
    public String type() {
      return "grpc";
    }
  }
}
