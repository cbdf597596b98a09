package io.healthservice.kit;

import io.vertx.core.Vertx;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.TrustOptions;

import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * What one check's TLS peers presented: the earliest {@code notAfter} of the chain seen at the latest
 * handshake. Recorded by the trust manager the check's client validates with, so it works the same for
 * the HTTP, Postgres and Redis clients (the last two expose no peer certificates) and sees every new
 * connection, including one whose certificate is expired or untrusted: that handshake still fails as
 * before, and the date shows why.
 *
 * <p>Create one per check and reuse its {@link TrustOptions}: Vert.x caches TLS contexts per options
 * instance, so a new instance per connection would grow that cache.
 *
 * <p>Public (as are {@link #notAfter()} and {@link #verifying}) for the checks in sub-packages and modules.
 */
public final class PeerCertificates {

  private volatile Instant notAfter;
  private TrustOptions verifying;
  private TrustOptions trustingAll;

  /** The earliest expiry of the chain presented at the latest handshake; empty before the first. */
  public Optional<Instant> notAfter() {
    return Optional.ofNullable(notAfter);
  }

  void record(X509Certificate[] chain) {
    Instant earliest = null;
    for (X509Certificate certificate : chain == null ? new X509Certificate[0] : chain) {
      Instant end = certificate.getNotAfter().toInstant();
      if (earliest == null || end.isBefore(earliest)) {
        earliest = end;
      }
    }
    if (earliest != null) {
      notAfter = earliest;
    }
  }

  /**
   * Trusts what the JVM trusts, or the CAs of {@code caFile}; records each chain checked. Always the same
   * instance (a check's CA file does not change).
   */
  public synchronized TrustOptions verifying(Optional<String> caFile) {
    if (verifying == null) {
      verifying = new Recording(this, caFile.map(ca -> new PemTrustOptions().addCertPath(ca)).orElse(null), true);
    }
    return verifying;
  }

  /** Trusts any chain (libpq's sslmode=require) but still records it. */
  public synchronized TrustOptions trustingAll() {
    if (trustingAll == null) {
      trustingAll = new Recording(this, null, false);
    }
    return trustingAll;
  }

  /** Vert.x loads trust material through this on a worker thread (the CA file is read there). */
  private static final class Recording implements TrustOptions {

    private final PeerCertificates sink;
    private final TrustOptions ca;
    private final boolean verify;
    private volatile RecordingTrustManager built;

    Recording(PeerCertificates sink, TrustOptions ca, boolean verify) {
      this.sink = sink;
      this.ca = ca;
      this.verify = verify;
    }

    @Override
    public TrustOptions copy() {
      return this; // immutable once built; the same instance keeps Vert.x's context cache hit
    }

    @Override
    public TrustManagerFactory getTrustManagerFactory(Vertx vertx) throws Exception {
      return RecordingTrustManager.factory(build(vertx));
    }

    @Override
    public Function<String, TrustManager[]> trustManagerMapper(Vertx vertx) throws Exception {
      TrustManager[] managers = {build(vertx)};
      return serverName -> managers;
    }

    private RecordingTrustManager build(Vertx vertx) throws Exception {
      RecordingTrustManager manager = built;
      if (manager == null) {
        X509ExtendedTrustManager delegate = null;
        if (verify) {
          TrustManagerFactory factory;
          if (ca != null) {
            factory = ca.getTrustManagerFactory(vertx);
          } else {
            factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
          }
          delegate = extended(factory.getTrustManagers());
        }
        manager = new RecordingTrustManager(sink, delegate);
        built = manager;
      }
      return manager;
    }

    private static X509ExtendedTrustManager extended(TrustManager[] managers) {
      for (TrustManager manager : managers) {
        if (manager instanceof X509ExtendedTrustManager x509) {
          return x509;
        }
      }
      throw new IllegalStateException("no X.509 trust manager available");
    }
  }
}
