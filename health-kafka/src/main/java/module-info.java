/**
 * The {@code kafka} kind of check: {@link io.healthservice.kafka.KafkaCheck}, the cluster's metadata (brokers and
 * controller) through Kafka's admin client, which never produces nor consumes.
 */
module io.healthservice.kafka {
  requires transitive io.healthservice.kit;
  requires kafka.clients;

  exports io.healthservice.kafka;

  provides io.healthservice.spi.CheckKind with io.healthservice.kafka.KafkaKind;
}
