package io.healthservice.mongodb;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.connection.NettyTransportSettings;
import com.mongodb.connection.TransportSettings;
import io.healthservice.kit.PeerCertificates;
import io.healthservice.kit.Target;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import org.bson.codecs.configuration.CodecRegistries;

import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.SSLContext;

/**
 * One client of a check, kept across runs: a vertx-mongo-client over the driver's own settings (one pooled
 * connection, timeouts from the run's budget), and what its monitors
 * saw. Created on a worker thread: the driver starts its monitor threads and the CA file is read there.
 */
final class MongoSession {

  /**
   * The driver's own log lines name hosts and the cluster's state, and a server that is down would log them on
   * every run (a failed run's client is dropped, the next run's new client meets the same state): off, unless the
   * application set a level for {@code org.mongodb.driver} (the driver logs through SLF4J; the service binds it to
   * JDK logging). Held here: JDK logging keeps its loggers only weakly.
   */
  private static final Logger DRIVER_LOG = quiet(Logger.getLogger("org.mongodb.driver"));

  private final Future<MongoClient> client;
  private final ServerStates servers = new ServerStates();

  private MongoSession(Vertx vertx, Target target, ConnectionString url, PeerCertificates peers, int selectMs, int readMs) {
    this.client = vertx.executeBlocking(() -> MongoClient.createWithMongoSettings(vertx,
      new JsonObject().put("db_name", MongoUrl.database(url)), "health-check-" + UUID.randomUUID(),
      settings(vertx, target, url, peers, selectMs, readMs)), false);
  }

  /**
   * @param selectMs under the run's budget: server selection, connect and pool wait give up before the monitor's
   *                 timer, so that a refused or unknown server is named rather than timed out
   * @param readMs   the reply's wait, a little past the budget (the monitor's timer names a hung server first)
   */
  static MongoSession open(Vertx vertx, Target target, ConnectionString url, PeerCertificates peers, int selectMs,
                           int readMs) {
    return new MongoSession(vertx, target, url, peers, selectMs, readMs);
  }

  private static Logger quiet(Logger driver) {
    if (driver.getLevel() == null) {
      driver.setLevel(Level.OFF);
    }
    return driver;
  }

  Future<MongoClient> client() {
    return client;
  }

  ServerStates servers() {
    return servers;
  }

  Future<Void> close() {
    return client.compose(MongoClient::close, e -> Future.succeededFuture());
  }

  private MongoClientSettings settings(Vertx vertx, Target target, ConnectionString url, PeerCertificates peers,
                                       int selectMs, int readMs) throws Exception {
    MongoClientSettings.Builder builder = MongoClientSettings.builder().applyConnectionString(url)
      .applicationName("health-service")
      .codecRegistry(CodecRegistries.fromRegistries(CodecRegistries.fromCodecs(new JsonCodec()),
        MongoClientSettings.getDefaultCodecRegistry()))
      .retryReads(false).retryWrites(false)
      .applyToClusterSettings(b -> b.serverSelectionTimeout(selectMs, TimeUnit.MILLISECONDS))
      .applyToServerSettings(b -> b.addServerListener(servers))
      .applyToSocketSettings(b -> b.connectTimeout(selectMs, TimeUnit.MILLISECONDS).readTimeout(readMs, TimeUnit.MILLISECONDS))
      .applyToConnectionPoolSettings(b -> b.minSize(0).maxSize(1).maxWaitTime(selectMs, TimeUnit.MILLISECONDS)
        // The driver reads zero as "no limit": our zero is a new connection every run.
        .maxConnectionLifeTime(Math.max(1, target.maxConnectionAge().toMillis()), TimeUnit.MILLISECONDS));
    MongoUrl.credential(url, target.password()).ifPresent(builder::credential);
    boolean tls = target.caFile().isPresent() || Boolean.TRUE.equals(url.getSslEnabled());
    if (tls) {
      // The check's recording trust manager: the peer's certificate end is known for certificate_warning_days.
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, peers.verifying(target.caFile()).getTrustManagerFactory(vertx).getTrustManagers(), null);
      builder.applyToSslSettings(b -> b.enabled(true).context(context));
    }
    // On Vert.x's event loops, as vertx-mongo-client's own settings do; not with a native transport, whose
    // channels the driver's NIO sockets cannot use (the driver then has a loop group of its own).
    if (!vertx.isNativeTransportEnabled()) {
      NettyTransportSettings netty = TransportSettings.nettyBuilder()
        .eventLoopGroup(((VertxInternal) vertx).nettyEventLoopGroup()).build();
      builder.transportSettings(netty);
    }
    return builder.build();
  }
}
