/**
 * The {@code mqtt} kind of check: {@link io.healthservice.mqtt.MqttCheck} over vertx-mqtt.
 */
module io.healthservice.mqtt {
  requires transitive io.healthservice.kit;
  requires io.vertx.mqtt;
  requires io.netty.codec.mqtt;

  exports io.healthservice.mqtt;

  provides io.healthservice.spi.CheckKind with io.healthservice.mqtt.MqttKind;
}
