package io.healthservice.impl.http;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class MediaTypesTest {

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @CsvSource(delimiter = '|', value = {
    "application/health+json | true",
    "APPLICATION/Health+JSON | true",
    "application/health+json; charset=utf-8 | true",
    "application/json, application/health+json | true",       // a tie goes to the one the caller named
    "*/* | false",
    "application/json | false",
    "text/html | false",
    "application/health+json;q=0 | false",
    "application/json, application/health+json;q=0.5 | false",
    "application/health+json;q=0.9, */*;q=0.1 | true",
    "application/health+json;q=abc | false",
    "application/health+json;q=2 | false",
    "*/*;q=0.8, application/health+json;q=0.8 | true",
  })
  void choosesHealthJsonOnlyWhenRankedFirst(String accept, boolean expected) {
    assertThat(MediaTypes.prefersHealthJson(accept)).isEqualTo(expected);
  }
}
