package io.healthservice.config;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code grpc} section: defaults, file and environment, and bad values failing at start by name. */
class GrpcConfigTest {

  @Test
  void byDefaultGrpcIsOnTheHttpPortWithAHundredWatchStreams() {
    GrpcOptions grpc = ConfigLoader.load(new JsonObject(), Map.of()).grpc();
    assertThat(grpc.port()).isEqualTo(OptionalInt.empty());
    assertThat(grpc.maxWatchStreams()).isEqualTo(100);
  }

  @Test
  void fileAndEnvironment() {
    JsonObject file = new JsonObject().put("grpc", new JsonObject().put("port", 9000).put("max_watch_streams", 5));
    assertThat(ConfigLoader.load(file, Map.of()).grpc()).isEqualTo(new GrpcOptions(OptionalInt.of(9000), 5));
    assertThat(ConfigLoader.load(file, Map.of("GRPC_PORT", "9001", "GRPC_MAX_WATCH_STREAMS", "0")).grpc())
      .isEqualTo(new GrpcOptions(OptionalInt.of(9001), 0));
  }

  static Stream<Arguments> invalidSettings() {
    return Stream.of(
      Arguments.of("{\"grpc\":{\"port\":0}}", Map.of(), "grpc.port"),
      Arguments.of("{\"grpc\":{\"port\":70000}}", Map.of(), "grpc.port"),
      Arguments.of("{\"grpc\":{\"port\":8000}}", Map.of(), "grpc.port"),
      Arguments.of("{}", Map.of("GRPC_PORT", "grpc"), "GRPC_PORT"),
      Arguments.of("{}", Map.of("HTTP_PORT", "9000", "GRPC_PORT", "9000"), "GRPC_PORT"),
      Arguments.of("{\"grpc\":{\"max_watch_streams\":-1}}", Map.of(), "grpc.max_watch_streams"),
      Arguments.of("{}", Map.of("GRPC_MAX_WATCH_STREAMS", "lots"), "GRPC_MAX_WATCH_STREAMS"),
      Arguments.of("{\"grpc\":{\"watch\":1}}", Map.of(), "grpc.watch"),
      Arguments.of("{\"grpc\":9000}", Map.of(), "grpc"));
  }

  @ParameterizedTest
  @MethodSource("invalidSettings")
  void anInvalidSettingFailsNamingIt(String file, Map<String, String> env, String setting) {
    assertThatThrownBy(() -> ConfigLoader.load(new JsonObject(file), env))
      .isInstanceOf(ConfigException.class)
      .hasMessageStartingWith(setting + ": ")
      .satisfies(e -> assertThat(((ConfigException) e).setting()).isEqualTo(setting));
  }
}
