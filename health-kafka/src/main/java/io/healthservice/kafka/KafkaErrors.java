package io.healthservice.kafka;

import io.healthservice.CheckFailure;
import io.healthservice.FailureKind;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.DisconnectException;
import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnsupportedSaslMechanismException;
import org.apache.kafka.common.errors.UnsupportedVersionException;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Words for a Kafka client failure, from its exception type only: Kafka's messages name hosts, users and
 * principals, and a SASL failure's message is the broker's own text.
 */
final class KafkaErrors {

  private KafkaErrors() {
  }

  static CheckFailure classify(Throwable error) {
    for (Throwable t = error; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof CompletionException || t instanceof ExecutionException) {
        continue;
      }
      CheckFailure known = direct(t);
      if (known != null) {
        return known;
      }
    }
    return CheckFailure.of(error);
  }

  private static CheckFailure direct(Throwable t) {
    if (t instanceof CheckFailure failure) {
      return failure;
    }
    if (t instanceof SslAuthenticationException) {
      return new CheckFailure(FailureKind.ERROR, "TLS handshake failed");
    }
    if (t instanceof UnsupportedSaslMechanismException) {
      return new CheckFailure(FailureKind.ERROR, "SASL mechanism not enabled on the broker");
    }
    if (t instanceof SaslAuthenticationException || t instanceof AuthenticationException) {
      return new CheckFailure(FailureKind.ERROR, "authentication failed");
    }
    if (t instanceof AuthorizationException) {
      return new CheckFailure(FailureKind.ERROR, "not authorized to describe the cluster");
    }
    if (t instanceof UnsupportedVersionException) {
      return new CheckFailure(FailureKind.ERROR, "broker too old (no DescribeCluster or Metadata version in common)");
    }
    if (t instanceof TimeoutException) {
      return new CheckFailure(FailureKind.TIMEOUT, "timeout");
    }
    if (t instanceof DisconnectException || t instanceof NetworkException) {
      return new CheckFailure(FailureKind.REFUSED, "connection closed by broker");
    }
    if (t instanceof ConfigException) {
      // Ours is a known-good configuration: what Kafka rejects at creation is the bootstrap list resolving to nothing.
      return new CheckFailure(FailureKind.REFUSED, "no bootstrap server resolves");
    }
    return null;
  }
}
