package io.healthservice.redis.impl;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Redis error replies get words that point at the cause, never the message itself. */
class RedisErrorWordsTest {

  @Test
  void anyOtherErrorHasTheWordsOfTheCore() {
    assertThat(RedisErrors.of(new java.net.ConnectException("host=db.internal")).reason()).isEqualTo("connection refused");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "ERR max number of clients reached|rejected by server: max number of clients reached (ERR)",
    "WRONGPASS invalid username-password pair or user is disabled.|authentication failed (WRONGPASS)",
    "CLUSTERDOWN The cluster is down|cluster is down (CLUSTERDOWN)",
    "ERR This instance has cluster support disabled|not a cluster node (cluster support disabled) (ERR)",
    "ERR unknown command 'x' for user bob|redis error (ERR)",
  })
  void redis(String message, String words) {
    assertThat(RedisErrors.classify(message).reason()).isEqualTo(words);
  }
}
