package io.healthservice.mongodb;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import io.netty.channel.Channel;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A MongoDB-wire-compatible stand-in, <b>not MongoDB</b>: no MongoDB server is packaged for this machine, so the
 * tests run the Java server {@code de.bwaldvogel:mongo-java-server} (memory backend) in the test's JVM. As shipped
 * it answers {@code isMaster} but not {@code hello} and reports wire version 7 (MongoDB 4.0); here its backend
 * answers {@code hello} (and the driver's handshake, {@code isMaster} with {@code helloOk}) as a MongoDB 6.0 member
 * does: {@code isWritablePrimary}, {@code maxWireVersion} 17, and {@code setName}, {@code hosts}, {@code me},
 * {@code primary} when it plays a replica-set member. It can also fail {@code hello} on one database with a code
 * (13 Unauthorized) and every authentication (18 AuthenticationFailed).
 *
 * <p>Public, with {@link #start(Options)}, for the service's end-to-end tests (this module's test-jar).
 */
public final class MongoStandIn implements AutoCloseable {

  /** What the stand-in plays. */
  public enum Role { STANDALONE, PRIMARY, SECONDARY }

  /**
   * @param role          standalone, or a replica-set member
   * @param setName       the replica set's name (members only)
   * @param primary       for a secondary, the primary it names ({@code host:port}), or null: no primary known
   * @param deniedDatabase {@code hello} on this database fails with code 13 Unauthorized; null: none
   * @param failAuth      every {@code saslStart} fails with code 18 AuthenticationFailed
   */
  public record Options(Role role, String setName, String primary, String deniedDatabase, boolean failAuth) {

    public Options {
      Objects.requireNonNull(role, "role");
      if (role != Role.STANDALONE) {
        Objects.requireNonNull(setName, "setName");
      }
    }

    public static Options standalone() {
      return new Options(Role.STANDALONE, null, null, null, false);
    }

    public static Options primary(String setName) {
      return new Options(Role.PRIMARY, setName, null, null, false);
    }

    /** A secondary that names {@code primary} ({@code host:port}) as its primary, or none when null. */
    public static Options secondary(String setName, String primary) {
      return new Options(Role.SECONDARY, setName, primary, null, false);
    }

    public Options denying(String database) {
      return new Options(role, setName, primary, database, failAuth);
    }

    public Options failingAuthentication() {
      return new Options(role, setName, primary, deniedDatabase, true);
    }
  }

  /** MongoDB 6.0's wire version: the driver refuses anything under 8 (MongoDB 4.2). */
  private static final MongoVersion MONGO_6_0 = new MongoVersion() {
    @Override
    public List<Integer> getVersionArray() {
      return List.of(6, 0, 0);
    }

    @Override
    public int getWireVersion() {
      return 17;
    }
  };

  /** The stand-in logs each connection at INFO: its warnings are enough in a test's output. */
  private static final java.util.logging.Logger STAND_IN_LOG = quiet(java.util.logging.Logger.getLogger("de.bwaldvogel"));

  private final MongoServer server;
  private final int port;

  private MongoStandIn(Options options) {
    HelloBackend backend = new HelloBackend(options);
    backend.version(MONGO_6_0);
    this.server = new MongoServer(backend);
    server.bind(new InetSocketAddress("127.0.0.1", 0));
    this.port = server.getLocalAddress().getPort();
    backend.me = "127.0.0.1:" + port;
  }

  private static java.util.logging.Logger quiet(java.util.logging.Logger logger) {
    logger.setLevel(java.util.logging.Level.WARNING);
    return logger;
  }

  /** A stand-in on a spare port of 127.0.0.1. */
  public static MongoStandIn start(Options options) {
    return new MongoStandIn(options);
  }

  public int port() {
    return port;
  }

  /** {@code mongodb://127.0.0.1:PORT}. */
  public String url() {
    return "mongodb://127.0.0.1:" + port;
  }

  @Override
  public void close() {
    server.shutdownNow();
  }

  /** The memory backend, with {@code hello} answered as MongoDB 4.2+ does. */
  private static final class HelloBackend extends MemoryBackend {

    private final Options options;
    private final AtomicInteger connections = new AtomicInteger();
    private volatile String me;

    HelloBackend(Options options) {
      this.options = options;
    }

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
      if (command.equals("hello") && database.equals(options.deniedDatabase())) {
        throw new MongoServerError(13, "Unauthorized", "not authorized on " + database + " to execute command hello");
      }
      if (command.equals("hello") || command.equalsIgnoreCase("isMaster")) {
        return hello(command.equals("hello"));
      }
      if (command.equals("saslStart") && options.failAuth()) {
        throw new MongoServerError(18, "AuthenticationFailed", "Authentication failed.");
      }
      return super.handleCommand(channel, database, command, query);
    }

    private Document hello(boolean modern) {
      boolean writable = options.role() != Role.SECONDARY;
      Document reply = new Document();
      reply.put(modern ? "isWritablePrimary" : "ismaster", writable);
      reply.put("helloOk", true);
      if (options.role() != Role.STANDALONE) {
        List<String> hosts = new ArrayList<>(List.of(me));
        reply.put("setName", options.setName());
        reply.put("setVersion", 1);
        reply.put("secondary", !writable);
        reply.put("me", me);
        String primary = writable ? me : options.primary();
        if (primary != null) {
          reply.put("primary", primary);
          if (!hosts.contains(primary)) {
            hosts.add(primary);
          }
        }
        reply.put("hosts", hosts);
      }
      reply.put("maxBsonObjectSize", 16 * 1024 * 1024);
      reply.put("maxMessageSizeBytes", 48_000_000);
      reply.put("maxWriteBatchSize", 100_000);
      reply.put("localTime", Instant.now());
      reply.put("connectionId", connections.incrementAndGet());
      reply.put("minWireVersion", 0);
      reply.put("maxWireVersion", MONGO_6_0.getWireVersion());
      reply.put("readOnly", false);
      reply.put("ok", 1.0);
      return reply;
    }
  }
}
