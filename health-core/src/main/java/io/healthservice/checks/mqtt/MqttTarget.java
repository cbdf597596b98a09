package io.healthservice.checks.mqtt;

import io.healthservice.impl.checks.Secrets;

import java.util.Objects;
import java.util.Optional;

/**
 * Where an MQTT check connects.
 *
 * @param url      {@code mqtt://[user[:password]@]host:1883} or {@code mqtts://...:8883}; shown only masked
 * @param password a password read from a file or variable; overrides the URL's when present
 * @param caFile   a PEM file of the CA(s) to trust for {@code mqtts://}; empty to use the JVM's trust store
 */
public record MqttTarget(String url, Optional<String> password, Optional<String> caFile) {

  public MqttTarget {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(caFile, "caFile");
  }

  public static MqttTarget of(String url) {
    return new MqttTarget(url, Optional.empty(), Optional.empty());
  }

  @Override
  public String toString() {
    return "MqttTarget[" + Secrets.maskUrl(url) + (password.isPresent() ? ", password=***" : "")
      + caFile.map(f -> ", ca=" + f).orElse("") + "]";
  }
}
