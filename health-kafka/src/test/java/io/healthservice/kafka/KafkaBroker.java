package io.healthservice.kafka;

import io.healthservice.support.Exec;
import io.healthservice.support.Ports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A real Kafka broker for tests: one KRaft node (broker and controller) in a JVM of its own, from the jars of
 * the {@code health-kafka-broker} module (the file its build writes, {@code target/broker.classpath}), so the
 * broker's kafka-clients and Scala never meet the check's. Listeners on spare ports of 127.0.0.1:
 * <ul>
 *   <li>{@link #port()}: PLAINTEXT, advertised as itself;</li>
 *   <li>{@link #proxiedPort()}: PLAINTEXT advertised as the port of a proxy in front of it (when one is given), so a
 *       client that bootstraps through the proxy keeps talking through it;</li>
 *   <li>{@link #saslPort()}: SASL_PLAINTEXT with PLAIN and SCRAM-SHA-256 for {@link #USER} / {@link #PASSWORD};</li>
 *   <li>{@link #tlsPort()}: SSL with the given PKCS12 key store (when one is given).</li>
 * </ul>
 * Owned by PID; {@link #close()} kills it and deletes its data. Measured start: 4-8 s to "Kafka Server started".
 */
public final class KafkaBroker implements AutoCloseable {

  public static final String USER = "alice";
  public static final String PASSWORD = "al1ce-secret-58c1";
  private static final Duration START = Duration.ofSeconds(90);

  private final Path dir;
  private final int port;
  private final int proxiedPort;
  private final int saslPort;
  private final int tlsPort;
  private Process process;

  private KafkaBroker(Path dir, int port, int proxiedPort, int saslPort, int tlsPort) {
    this.dir = dir;
    this.port = port;
    this.proxiedPort = proxiedPort;
    this.saslPort = saslPort;
    this.tlsPort = tlsPort;
  }

  /** What to start: a listener advertised as a proxy's port, a TLS listener. */
  public record Options(int proxiedPort, int proxyPort, String keyStore, String keyStorePassword) {

    /** Only the PLAINTEXT and SASL listeners (the proxied one advertises itself). */
    public static Options plain() {
      return new Options(0, 0, null, null);
    }

    /** A PLAINTEXT listener on {@code listenPort} that advertises {@code proxyPort}: start the proxy first. */
    public Options proxied(int listenPort, int advertisedProxyPort) {
      return new Options(listenPort, advertisedProxyPort, keyStore, keyStorePassword);
    }

    /** An SSL listener with this PKCS12 key store (a certificate for 127.0.0.1). */
    public Options tls(String pkcs12, String password) {
      return new Options(proxiedPort, proxyPort, pkcs12, password);
    }
  }

  public static KafkaBroker start(Options options) throws Exception {
    Path classpath = Path.of(System.getProperty("kafka.broker.classpath", "health-kafka-broker/target/broker.classpath"));
    if (!Files.isReadable(classpath)) {
      throw new IllegalStateException(classpath + " is missing: build the health-kafka-broker module first "
        + "(mvn -pl health-kafka -am verify builds it)");
    }
    String jars = Files.readString(classpath).trim();
    int proxied = options.proxiedPort() > 0 ? options.proxiedPort() : Ports.free();
    KafkaBroker broker = new KafkaBroker(Exec.tempDir("kafka", false), Ports.free(), proxied, Ports.free(),
      options.keyStore() == null ? 0 : Ports.free());
    try {
      broker.run(jars, options);
    } catch (Exception | Error e) {
      broker.close();
      throw e;
    }
    return broker;
  }

  private void run(String jars, Options options) throws Exception {
    int controller = Ports.free();
    int advertisedProxied = options.proxyPort() > 0 ? options.proxyPort() : proxiedPort;
    List<String> lines = new ArrayList<>(List.of(
      "process.roles=broker,controller",
      "node.id=1",
      "controller.quorum.voters=1@127.0.0.1:" + controller,
      "controller.listener.names=CONTROLLER",
      "inter.broker.listener.name=PLAINTEXT",
      "log.dirs=" + dir.resolve("data"),
      "num.partitions=1",
      "offsets.topic.replication.factor=1",
      "transaction.state.log.replication.factor=1",
      "transaction.state.log.min.isr=1",
      "group.initial.rebalance.delay.ms=0",
      "listener.name.sasl.sasl.enabled.mechanisms=PLAIN,SCRAM-SHA-256",
      "listener.name.sasl.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required"
        + " user_" + USER + "=\"" + PASSWORD + "\";",
      "listener.name.sasl.scram-sha-256.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;"));
    String listeners = "PLAINTEXT://127.0.0.1:" + port + ",PROXIED://127.0.0.1:" + proxiedPort
      + ",SASL://127.0.0.1:" + saslPort;
    String advertised = "PLAINTEXT://127.0.0.1:" + port + ",PROXIED://127.0.0.1:" + advertisedProxied
      + ",SASL://127.0.0.1:" + saslPort;
    String protocols = "PLAINTEXT:PLAINTEXT,PROXIED:PLAINTEXT,SASL:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT";
    if (tlsPort > 0) {
      listeners += ",TLS://127.0.0.1:" + tlsPort;
      advertised += ",TLS://127.0.0.1:" + tlsPort;
      protocols += ",TLS:SSL";
      lines.add("listener.name.tls.ssl.keystore.type=PKCS12");
      lines.add("listener.name.tls.ssl.keystore.location=" + options.keyStore());
      lines.add("listener.name.tls.ssl.keystore.password=" + options.keyStorePassword());
      lines.add("listener.name.tls.ssl.key.password=" + options.keyStorePassword());
    }
    lines.add("listeners=" + listeners + ",CONTROLLER://127.0.0.1:" + controller);
    lines.add("advertised.listeners=" + advertised);
    lines.add("listener.security.protocol.map=" + protocols);
    Path properties = dir.resolve("server.properties");
    Files.write(properties, lines);

    byte[] id = new byte[16];
    new SecureRandom().nextBytes(id);
    String clusterId = Base64.getUrlEncoder().withoutPadding().encodeToString(id);
    // One id in 64 starts with '-': joined to its option so the tool does not read it as one.
    Exec.ok(Duration.ofSeconds(60), java(jars, "kafka.tools.StorageTool", "format", "--cluster-id=" + clusterId,
      "-c", properties.toString(), "--add-scram", "SCRAM-SHA-256=[name=" + USER + ",password=" + PASSWORD + "]"));
    Path log = dir.resolve("broker.log");
    process = Exec.spawn(java(jars, "kafka.Kafka", properties.toString()), dir, log);
    Exec.awaitListening(process, port, START, () -> tail(log));
    Exec.await("\"Kafka Server started\"", START, () -> {
      if (!process.isAlive()) {
        throw new IllegalStateException("broker exited with " + process.exitValue() + ": " + tail(log));
      }
      return Exec.read(log).contains("Kafka Server started");
    }, () -> tail(log));
  }

  private static List<String> java(String jars, String main, String... args) {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
      "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true",
      // The broker's log4j-api finds no log4j-core: say so once, quietly (it logs through SLF4J to JDK logging).
      "-Dlog4j2.loggerContextFactory=org.apache.logging.log4j.simple.SimpleLoggerContextFactory",
      "-cp", jars, main));
    command.addAll(List.of(args));
    return command;
  }

  private static String tail(Path log) {
    String text = Exec.read(log);
    return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
  }

  public String host() {
    return "127.0.0.1";
  }

  public int port() {
    return port;
  }

  public int proxiedPort() {
    return proxiedPort;
  }

  public int saslPort() {
    return saslPort;
  }

  public int tlsPort() {
    return tlsPort;
  }

  /** The broker's own log so far (for a test's diagnostics). */
  public String log() {
    return tail(dir.resolve("broker.log"));
  }

  @Override
  public void close() throws IOException {
    Exec.kill(process);
    process = null;
    Exec.deleteTree(dir);
  }
}
