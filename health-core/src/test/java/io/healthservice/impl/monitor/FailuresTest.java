package io.healthservice.impl.monitor;

import io.healthservice.CheckFailure;
import io.healthservice.FailureKind;
import io.vertx.core.VertxException;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLHandshakeException;

import static org.assertj.core.api.Assertions.assertThat;

/** Failure classification: kind and words from the error's type and protocol codes, never its message. */
class FailuresTest {

  private static final String SECRET = "user=admin password=hunter2 host=db.internal";

  private static void assertClassified(Throwable error, FailureKind kind, String reason) {
    CheckFailure failure = Failures.classify(error);
    assertThat(failure.kind()).as("%s", error).isEqualTo(kind);
    assertThat(failure.reason()).isEqualTo(reason).doesNotContain("hunter2").doesNotContain("db.internal");
  }

  @Test
  void networkErrors() {
    assertClassified(new ConnectException(SECRET), FailureKind.REFUSED, "connection refused");
    assertClassified(new UnknownHostException(SECRET), FailureKind.REFUSED, "host name does not resolve");
    assertClassified(new ClosedChannelException(), FailureKind.REFUSED, "connection closed");
    assertClassified(new TimeoutException(SECRET), FailureKind.TIMEOUT, "timeout");
    assertClassified(new SSLHandshakeException(SECRET), FailureKind.ERROR, "TLS handshake failed");
  }

  @Test
  void aFullPoolWaitQueueIsPoolExhaustionNotTheServer() {
    assertClassified(new io.vertx.core.http.ConnectionPoolTooBusyException(SECRET), FailureKind.ERROR,
      "pool exhausted: its wait queue is full");
  }

  @Test
  void theCauseChainIsSearched() {
    assertClassified(new VertxException(new ConnectException(SECRET)), FailureKind.REFUSED, "connection refused");
  }

  @Test
  void anAlreadyClassifiedFailureIsKeptWithItsRetryAfter() {
    CheckFailure http429 = new CheckFailure(FailureKind.HTTP_STATUS, "HTTP 429", Duration.ofSeconds(30));
    assertThat(Failures.classify(http429)).isSameAs(http429);
    assertThat(Failures.classify(new RuntimeException(http429)).retryAfter()).contains(Duration.ofSeconds(30));
  }

  @Test
  void anythingElseIsAnErrorInFixedWords() {
    assertClassified(new NullPointerException(SECRET), FailureKind.ERROR, "unexpected error");
    assertClassified(new IndexOutOfBoundsException(SECRET), FailureKind.ERROR, "protocol error: unexpected reply");
  }
}
