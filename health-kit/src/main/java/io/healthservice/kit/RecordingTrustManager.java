package io.healthservice.kit;

import java.net.Socket;
import java.security.KeyStore;
import java.security.Provider;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.ManagerFactoryParameters;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.TrustManagerFactorySpi;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Records the chain, then lets the real trust manager decide (host name checks included: they happen
 * in its SSLEngine variant). With no delegate, everything is accepted.
 */
final class RecordingTrustManager extends X509ExtendedTrustManager {

  private final PeerCertificates sink;
  private final X509ExtendedTrustManager delegate;

  RecordingTrustManager(PeerCertificates sink, X509ExtendedTrustManager delegate) {
    this.sink = sink;
    this.delegate = delegate;
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
    sink.record(chain);
    if (delegate != null) {
      delegate.checkServerTrusted(chain, authType, engine);
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
    sink.record(chain);
    if (delegate != null) {
      delegate.checkServerTrusted(chain, authType, socket);
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    sink.record(chain);
    if (delegate != null) {
      delegate.checkServerTrusted(chain, authType);
    }
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
    throw new CertificateException("a health check's client does not accept clients");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
    throw new CertificateException("a health check's client does not accept clients");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    throw new CertificateException("a health check's client does not accept clients");
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return delegate == null ? new X509Certificate[0] : delegate.getAcceptedIssuers();
  }

  /** A trust manager factory that hands out {@code manager}. */
  static TrustManagerFactory factory(TrustManager manager) {
    return new SingleTrustManagerFactory(manager);
  }

  /**
   * A factory that hands out one given trust manager. (Vert.x's own {@code TrustOptions.wrap} needs SLF4J
   * on the class path, which this project does not ship.)
   */
  private static final class SingleTrustManagerFactory extends TrustManagerFactory {

    private static final Provider PROVIDER = new Provider("health-check-recording", "1", "records peer certificates") {
    };

    SingleTrustManagerFactory(TrustManager manager) {
      super(new TrustManagerFactorySpi() {
        @Override
        protected void engineInit(KeyStore keyStore) {
        }

        @Override
        protected void engineInit(ManagerFactoryParameters parameters) {
        }

        @Override
        protected TrustManager[] engineGetTrustManagers() {
          return new TrustManager[] {manager};
        }
      }, PROVIDER, "recording");
    }
  }
}
