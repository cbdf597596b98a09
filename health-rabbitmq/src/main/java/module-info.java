/**
 * The {@code rabbitmq} kind of check (AMQP 0-9-1): {@link io.healthservice.rabbitmq.RabbitMqCheck} over vertx-rabbitmq-client.
 */
module io.healthservice.rabbitmq {
  requires transitive io.healthservice.kit;
  requires io.vertx.rabbitmq.client;
  requires com.rabbitmq.client;

  exports io.healthservice.rabbitmq;

  provides io.healthservice.spi.CheckKind with io.healthservice.rabbitmq.RabbitMqKind;
}
