package io.healthservice.http;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import static org.assertj.core.api.Assertions.assertThat;

class RetryAfterTest {

  @Test
  void secondsDatesAndNonsense() {
    assertThat(LlmEndpointCheck.retryAfter("20")).isEqualTo(Duration.ofSeconds(20));
    assertThat(LlmEndpointCheck.retryAfter(null)).isEqualTo(Duration.ofSeconds(30));
    assertThat(LlmEndpointCheck.retryAfter("soon")).isEqualTo(Duration.ofSeconds(30));
    assertThat(LlmEndpointCheck.retryAfter("0")).isEqualTo(Duration.ofSeconds(1));
    assertThat(LlmEndpointCheck.retryAfter("86400")).isEqualTo(Duration.ofMinutes(5));
    String inAMinute = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(60));
    assertThat(LlmEndpointCheck.retryAfter(inAMinute)).isBetween(Duration.ofSeconds(55), Duration.ofSeconds(61));
  }
}
