/**
 * What the kinds of check share, and nothing else: the one target record of URL-addressed kinds
 * ({@link io.healthservice.kit.Target}), URL rules, secret masking, the certificates a peer presented,
 * connection age and broker URLs. A kind written outside this project may use it too.
 */
module io.healthservice.kit {
  requires transitive io.healthservice.core;
  requires transitive io.healthservice.spi;
  requires transitive io.vertx.core;

  exports io.healthservice.kit;
}
