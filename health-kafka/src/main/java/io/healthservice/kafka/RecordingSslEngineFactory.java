package io.healthservice.kafka;

import org.apache.kafka.common.security.auth.SslEngineFactory;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Map;
import java.util.Set;

/**
 * Kafka's TLS for a check's admin client, through the kit's recording trust manager: the same trust as Kafka's own
 * factory (the CA file, or the JVM's CAs; the host name checked by the endpoint identification Kafka passes), and the
 * brokers' certificates' expiry recorded, which Kafka's own factory keeps to itself. Client side only. The trust
 * manager comes in the client's configuration under {@link #TRUST}.
 */
public final class RecordingSslEngineFactory implements SslEngineFactory {

  /** The configuration key of the {@link TrustManagerFactory} (an object: Kafka passes unknown keys on as given). */
  static final String TRUST = "health.ssl.trust.manager.factory";

  private SSLContext context;

  @Override
  public void configure(Map<String, ?> configs) {
    Object trust = configs.get(TRUST);
    if (!(trust instanceof TrustManagerFactory factory)) {
      throw new IllegalStateException(TRUST + " is not set");
    }
    try {
      context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("TLS context", e);
    }
  }

  @Override
  public SSLEngine createClientSslEngine(String peerHost, int peerPort, String endpointIdentification) {
    SSLEngine engine = context.createSSLEngine(peerHost, peerPort);
    engine.setUseClientMode(true);
    if (endpointIdentification != null && !endpointIdentification.isEmpty()) {
      SSLParameters parameters = engine.getSSLParameters();
      parameters.setEndpointIdentificationAlgorithm(endpointIdentification);
      engine.setSSLParameters(parameters);
    }
    return engine;
  }

  @Override
  public SSLEngine createServerSslEngine(String peerHost, int peerPort) {
    throw new UnsupportedOperationException("a check is a client");
  }

  @Override
  public boolean shouldBeRebuilt(Map<String, Object> nextConfigs) {
    return false;
  }

  @Override
  public Set<String> reconfigurableConfigs() {
    return Set.of();
  }

  @Override
  public KeyStore keystore() {
    return null;
  }

  @Override
  public KeyStore truststore() {
    return null;
  }

  @Override
  public void close() {
  }
}
