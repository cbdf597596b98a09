package io.healthservice.kafka;

import io.healthservice.kit.Target;
import io.healthservice.support.CheckRuns;
import io.healthservice.support.OnContext;
import io.healthservice.support.ShortLivedCertificate;
import io.vertx.core.Vertx;
import io.vertx.core.net.PfxOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SASL (PLAIN, SCRAM-SHA-256) and TLS against a real broker of this class: a right and a wrong password, the
 * password never in a reason, the target or what Kafka's client logs; a CA file, and the JVM's trust store,
 * which does not know the test's CA.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class KafkaSecurityTest {

  static final long RUN_MS = 3000;
  static final String WRONG = "wr0ng-pass-d41d";
  private static final Logger KAFKA_LOG = Logger.getLogger("org.apache.kafka");
  private static final List<LogRecord> LOGGED = new CopyOnWriteArrayList<>();
  private static final Handler CAPTURE = new Handler() {
    @Override
    public void publish(LogRecord record) {
      LOGGED.add(record);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
  };
  private static Vertx vertx;
  private static ShortLivedCertificate certificate;
  private static KafkaBroker broker;

  @BeforeAll
  static void setUp() throws Exception {
    // Everything Kafka's client logs, DEBUG included: no password may be in any of it.
    KAFKA_LOG.setLevel(Level.ALL);
    KAFKA_LOG.addHandler(CAPTURE);
    vertx = Vertx.vertx();
    certificate = ShortLivedCertificate.create(1, 30);
    PfxOptions keyStore = (PfxOptions) certificate.keyCertOptions();
    broker = KafkaBroker.start(KafkaBroker.Options.plain().tls(keyStore.getPath(), keyStore.getPassword()));
  }

  @AfterAll
  static void tearDown() throws Exception {
    KAFKA_LOG.removeHandler(CAPTURE);
    KAFKA_LOG.setLevel(null);
    if (broker != null) {
      broker.close();
    }
    if (certificate != null) {
      certificate.close();
    }
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  static KafkaCheck check(String url, Optional<String> mechanism, Optional<String> password, Optional<String> ca) {
    Optional<String> user = mechanism.map(m -> KafkaBroker.USER);
    return new KafkaCheck(vertx, "events", new KafkaTarget(new Target(url, password, ca), user, mechanism, 1));
  }

  /** The reason of a run (null: up), after up to 3 runs for a first connection on a busy machine. */
  static String run(KafkaCheck check, String expected) throws Exception {
    String reason = "not run";
    for (int i = 0; i < 3 && !java.util.Objects.equals(reason, expected); i++) {
      reason = CheckRuns.reason(vertx, check, RUN_MS);
    }
    return reason;
  }

  static String logged() {
    StringBuilder text = new StringBuilder();
    for (LogRecord record : LOGGED) {
      text.append(record.getMessage()).append('\n');
      for (Object parameter : record.getParameters() == null ? new Object[0] : record.getParameters()) {
        text.append(parameter).append('\n');
      }
      for (Throwable t = record.getThrown(); t != null && t.getCause() != t; t = t.getCause()) {
        text.append(t).append('\n');
      }
    }
    return text.toString();
  }

  @Test
  void saslPlainAndScramWithTheRightAndAWrongPassword() throws Exception {
    String url = "kafka://127.0.0.1:" + broker.saslPort();
    for (String mechanism : List.of("PLAIN", "SCRAM-SHA-256")) {
      KafkaCheck right = check(url, Optional.of(mechanism), Optional.of(KafkaBroker.PASSWORD), Optional.empty());
      KafkaCheck wrong = check(url, Optional.of(mechanism), Optional.of(WRONG), Optional.empty());
      KafkaCheck inUrl = check("kafka://" + KafkaBroker.USER + ":" + WRONG + "@127.0.0.1:" + broker.saslPort(),
        Optional.of(mechanism), Optional.empty(), Optional.empty());
      try {
        assertThat(run(right, null)).as(mechanism).isNull();
        assertThat(run(wrong, "authentication failed")).as(mechanism).isEqualTo("authentication failed");
        assertThat(run(inUrl, "authentication failed")).as(mechanism).isEqualTo("authentication failed");
        assertThat(inUrl.target()).isEqualTo("kafka://" + KafkaBroker.USER + ":***@127.0.0.1:" + broker.saslPort());
      } finally {
        OnContext.await(vertx, right::close);
        OnContext.await(vertx, wrong::close);
        OnContext.await(vertx, inUrl::close);
      }
    }
    String log = logged();
    assertThat(log).contains("sasl.jaas.config = [hidden]").doesNotContain(KafkaBroker.PASSWORD).doesNotContain(WRONG);
  }

  @Test
  void noSaslAgainstASaslListenerIsNotUp() throws Exception {
    KafkaCheck check = check("kafka://127.0.0.1:" + broker.saslPort(), Optional.empty(), Optional.empty(), Optional.empty());
    try {
      assertThat(CheckRuns.reason(vertx, check, RUN_MS)).isNotNull();
    } finally {
      OnContext.await(vertx, check::close);
    }
  }

  @Test
  void tlsWithTheCaFileAndWithoutIt() throws Exception {
    String url = "kafka+ssl://127.0.0.1:" + broker.tlsPort();
    KafkaCheck trusted = check(url, Optional.empty(), Optional.empty(), Optional.of(certificate.caFile()));
    KafkaCheck jvmTrust = check(url, Optional.empty(), Optional.empty(), Optional.empty());
    KafkaCheck plainToTls = check("kafka://127.0.0.1:" + broker.tlsPort(), Optional.empty(), Optional.empty(), Optional.empty());
    try {
      assertThat(run(trusted, null)).isNull();
      // The broker's certificate (valid from yesterday for 30 days) is seen, for certificate expiry warnings.
      CheckRuns.Outcome outcome = CheckRuns.run(vertx, trusted, RUN_MS);
      assertThat(outcome.reason()).isNull();
      assertThat(outcome.certificate()).hasValueSatisfying(end -> assertThat(end)
        .isBetween(java.time.Instant.now().plus(java.time.Duration.ofDays(28)), java.time.Instant.now().plus(java.time.Duration.ofDays(30))));
      assertThat(run(jvmTrust, "TLS handshake failed")).isEqualTo("TLS handshake failed");
      // An untrusted chain fails the handshake, and its date is still seen.
      assertThat(CheckRuns.run(vertx, jvmTrust, RUN_MS).certificate()).isPresent();
      System.out.println("plain to a TLS listener: " + CheckRuns.reason(vertx, plainToTls, RUN_MS));
    } finally {
      OnContext.await(vertx, trusted::close);
      OnContext.await(vertx, jvmTrust::close);
      OnContext.await(vertx, plainToTls::close);
    }
  }
}
