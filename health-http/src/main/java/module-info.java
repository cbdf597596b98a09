/**
 * The {@code http}, {@code tcp}, {@code llm} and {@code dns} kinds of check (Vert.x core's HTTP, TCP and DNS clients, and its web client):
 * {@link io.healthservice.http.HttpCheck}, {@link io.healthservice.http.TcpCheck},
 * {@link io.healthservice.http.LlmEndpointCheck}; {@code io.healthservice.http.impl} is internal.
 */
module io.healthservice.http {
  requires transitive io.healthservice.kit;
  requires transitive io.vertx.web.client;
  requires io.vertx.web.common;

  exports io.healthservice.http;

  provides io.healthservice.spi.CheckKind with io.healthservice.http.HttpKind, io.healthservice.http.TcpKind, io.healthservice.http.LlmKind,
    io.healthservice.http.DnsKind;
}
