package io.healthservice.kafka;

import javax.net.ssl.TrustManagerFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The admin client's configuration for one check: its bootstrap servers, security and limits. Every wait of
 * the client is bounded by the run's call limit, which is under the run's budget, so a hung or unreachable
 * broker fails the call (and Kafka closes the connection a timed-out call waited on) before the monitor gives
 * up on the run.
 */
final class KafkaClientConfig {

  private static final AtomicLong SEQUENCE = new AtomicLong();

  private KafkaClientConfig() {
  }

  /**
   * @param callMs the limit of one call (connect, request, the call as a whole)
   * @param password the SASL password (the file's or variable's, else the URL's); unused without a user
   * @param trust    the recording trust of a {@code kafka+ssl://} URL; unused without TLS
   */
  static Map<String, Object> of(String checkName, KafkaUrl url, KafkaTarget target, String password, int callMs,
                                TrustManagerFactory trust) {
    Map<String, Object> config = new HashMap<>();
    config.put("bootstrap.servers", String.join(",", url.servers()));
    // Also the admin thread's name ("kafka-admin-client-thread | health-orders-3"): one client, one thread, per check.
    config.put("client.id", "health-" + checkName.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + SEQUENCE.incrementAndGet());
    config.put("request.timeout.ms", callMs);
    config.put("default.api.timeout.ms", callMs);
    config.put("socket.connection.setup.timeout.ms", callMs);
    config.put("socket.connection.setup.timeout.max.ms", callMs);
    // Between attempts to reach a broker that refused: at most a quarter of a call, so a broker back up is
    // reached within the run that follows.
    config.put("reconnect.backoff.max.ms", Math.max(50, Math.min(1000, callMs / 4)));
    config.put("retry.backoff.max.ms", Math.max(100, Math.min(1000, callMs / 4)));
    // Only which broker to send a call to comes from the cached metadata; every run asks a broker afresh.
    config.put("metadata.max.age.ms", 60_000);
    // No JMX beans per check (Kafka's default reporter); the client's own metrics stay readable.
    config.put("metric.reporters", "");
    String protocol;
    if (target.user().isPresent()) {
      protocol = url.tls() ? "SASL_SSL" : "SASL_PLAINTEXT";
      String mechanism = target.saslMechanism().orElseThrow();
      config.put("sasl.mechanism", mechanism);
      String module = mechanism.equals("PLAIN") ? "org.apache.kafka.common.security.plain.PlainLoginModule"
        : "org.apache.kafka.common.security.scram.ScramLoginModule";
      // A Password-typed value: Kafka's config dump prints it as [hidden].
      config.put("sasl.jaas.config", module + " required username=\"" + quoted(target.user().get())
        + "\" password=\"" + quoted(password) + "\";");
    } else {
      protocol = url.tls() ? "SSL" : "PLAINTEXT";
    }
    config.put("security.protocol", protocol);
    if (url.tls()) {
      config.put("ssl.endpoint.identification.algorithm", "https");
      // The CA file (or the JVM's CAs) through the kit's recording trust manager: the certificate's expiry is seen.
      config.put("ssl.engine.factory.class", RecordingSslEngineFactory.class);
      config.put(RecordingSslEngineFactory.TRUST, trust);
    }
    return config;
  }

  /** A value inside a JAAS option's double quotes. */
  private static String quoted(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
