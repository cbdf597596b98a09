package io.healthservice.support;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.SelfSignedCertificate;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TLS-terminating proxy in front of a plain server, with a certificate for "localhost" made by the test.
 * {@link Flavour#POSTGRES} speaks Postgres' in-protocol upgrade (SSLRequest, 'S', then TLS) and refuses
 * clients that do not ask for TLS; {@link Flavour#TLS_FROM_FIRST_BYTE} is TLS from the first byte, as
 * {@code rediss://} expects.
 */
public final class TlsProxy implements AutoCloseable {

  public enum Flavour { POSTGRES, TLS_FROM_FIRST_BYTE }

  private static final int SSL_REQUEST_CODE = 80877103;

  private final Vertx vertx;
  private final NetServer server;
  private final NetClient client;
  private final SelfSignedCertificate certificate;
  private final String caFile;
  private final AtomicInteger tlsSessions = new AtomicInteger();

  private TlsProxy(Vertx vertx, Flavour flavour, String targetHost, int targetPort, KeyCertOptions keyCert,
                   String caFile) throws Exception {
    this.vertx = vertx;
    this.certificate = keyCert == null ? SelfSignedCertificate.create("localhost") : null;
    this.caFile = keyCert == null ? certificate.certificatePath() : caFile;
    this.client = vertx.createNetClient();
    NetServerOptions options = new NetServerOptions().setHost("127.0.0.1").setPort(Ports.free())
      .setKeyCertOptions(keyCert == null ? certificate.keyCertOptions() : keyCert)
      .setSsl(flavour == Flavour.TLS_FROM_FIRST_BYTE);
    this.server = vertx.createNetServer(options).connectHandler(in -> {
      if (flavour == Flavour.TLS_FROM_FIRST_BYTE) {
        tlsSessions.incrementAndGet();
        pipe(in, targetHost, targetPort, new ArrayList<>());
      } else {
        postgresUpgrade(in, targetHost, targetPort);
      }
    });
    server.listen().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  public static TlsProxy start(Vertx vertx, Flavour flavour, String targetHost, int targetPort) throws Exception {
    return new TlsProxy(vertx, flavour, targetHost, targetPort, null, null);
  }

  /** With a certificate the test made (e.g. a {@link ShortLivedCertificate}). */
  public static TlsProxy start(Vertx vertx, Flavour flavour, String targetHost, int targetPort,
                               ShortLivedCertificate certificate) throws Exception {
    return new TlsProxy(vertx, flavour, targetHost, targetPort, certificate.keyCertOptions(), certificate.caFile());
  }

  public int port() {
    return server.actualPort();
  }

  /** PEM file of the certificate, to trust it as a CA. */
  public String caFile() {
    return caFile;
  }

  /** Connections that completed a TLS upgrade (proof the client encrypted). */
  public int tlsSessions() {
    return tlsSessions.get();
  }

  private void postgresUpgrade(NetSocket in, String targetHost, int targetPort) {
    List<Buffer> early = new ArrayList<>();
    in.handler(first -> {
      boolean sslRequest = first.length() == 8 && first.getInt(0) == 8 && first.getInt(4) == SSL_REQUEST_CODE;
      if (!sslRequest) {
        in.close(); // this server only accepts TLS
        return;
      }
      // Whatever arrives before the target is connected is kept, not dropped.
      in.handler(early::add);
      // 'S' must leave in plain text before the TLS handler goes into the pipeline.
      in.write(Buffer.buffer("S")).compose(v -> in.upgradeToSsl()).onSuccess(v -> {
        tlsSessions.incrementAndGet();
        pipe(in, targetHost, targetPort, early);
      }).onFailure(e -> in.close());
    });
  }

  private void pipe(NetSocket in, String targetHost, int targetPort, List<Buffer> early) {
    in.pause();
    client.connect(targetPort, targetHost).onFailure(e -> in.close()).onSuccess(out -> {
      early.forEach(out::write);
      in.handler(out::write);
      out.handler(in::write);
      in.closeHandler(v -> out.close());
      out.closeHandler(v -> in.close());
      in.exceptionHandler(e -> in.close());
      out.exceptionHandler(e -> out.close());
      in.resume();
    });
  }

  @Override
  public void close() throws Exception {
    server.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    client.close();
    if (certificate != null) {
      certificate.delete();
    }
  }
}
