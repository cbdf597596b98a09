package io.healthservice.http;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The three written forms of an expected status, lists of them, and what a target accepts. */
class StatusRangeTest {

  @Test
  void parsesOneStatusARangeAndAClass() {
    assertThat(StatusRange.parse("200")).isEqualTo(new StatusRange(200, 200));
    assertThat(StatusRange.parse(" 200-299 ")).isEqualTo(new StatusRange(200, 299));
    assertThat(StatusRange.parse("2xx")).isEqualTo(new StatusRange(200, 299));
    assertThat(StatusRange.parse("3XX")).isEqualTo(new StatusRange(300, 399));
  }

  @Test
  void parsesAListAndDefaultsToSuccess() {
    assertThat(StatusRange.parseList("200, 204,3xx"))
      .containsExactly(new StatusRange(200, 200), new StatusRange(204, 204), new StatusRange(300, 399));
    assertThat(StatusRange.parseList("")).containsExactly(StatusRange.SUCCESS);
    assertThat(StatusRange.parseList(null)).containsExactly(StatusRange.SUCCESS);
  }

  @Test
  void refusesWhatIsNotAStatus() {
    for (String bad : List.of("abc", "2x", "299-200", "99", "600", "6xx", "200-", "-200", "")) {
      assertThatThrownBy(() -> StatusRange.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void containsItsBoundsOnly() {
    StatusRange range = StatusRange.parse("200-204");
    assertThat(range.contains(200)).isTrue();
    assertThat(range.contains(204)).isTrue();
    assertThat(range.contains(205)).isFalse();
    assertThat(range.contains(199)).isFalse();
  }

  @Test
  void targetDefaultsToGetAnd2xxAndRefusesOtherMethods() {
    HttpTarget target = HttpTarget.get("http://localhost:8080/health");
    assertThat(target.method()).isEqualTo("GET");
    assertThat(target.accepts(204)).isTrue();
    assertThat(target.accepts(302)).isFalse();
    assertThat(target.followRedirects()).isFalse();
    assertThat(target.readsBody()).isFalse();
    assertThat(new HttpTarget("http://h/", "head", null, null, null, null, null, false).method()).isEqualTo("HEAD");
    assertThatThrownBy(() -> new HttpTarget("http://h/", "POST", null, null, null, null, null, false))
      .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new HttpTarget("ftp://h/", "GET", null, null, null, null, null, false))
      .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new HttpTarget("http://h/", "HEAD", null, Optional.of("ok"), null, null, null, false))
      .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void targetTextShowsNoSecret() {
    HttpTarget target = new HttpTarget("https://user:hunter2@h/health?api_key=s3cret", "GET", null, null, null,
      Map.of("Authorization", "Bearer t0ken"), null, false);
    assertThat(target.toString()).doesNotContain("hunter2", "s3cret", "t0ken").contains("Authorization");
  }
}
