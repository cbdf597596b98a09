/**
 * The {@code nats} kind of check: {@link io.healthservice.nats.NatsCheck}, the server's INFO, CONNECT and PING/PONG
 * over Vert.x core's TCP client.
 */
module io.healthservice.nats {
  requires transitive io.healthservice.kit;

  exports io.healthservice.nats;

  provides io.healthservice.spi.CheckKind with io.healthservice.nats.NatsKind;
}
