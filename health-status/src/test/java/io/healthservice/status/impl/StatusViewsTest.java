package io.healthservice.status.impl;

import io.healthservice.CheckState;
import io.healthservice.DependencyGroup;
import io.healthservice.FailureKind;
import io.healthservice.HealthStatus;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The status page and badge rendered from hand-made states and histories: no server, no clock. */
class StatusViewsTest {

  private static final Instant NOW = Instant.parse("2026-11-24T12:00:30Z");
  private static final long NOW_MINUTE = NOW.getEpochSecond() / 60;
  private static final long NANOS = 5_000_000_000_000L;
  private static final DependencyGroup REDIS = new DependencyGroup("redis", true, List.of("redis"));

  private static CheckState state(String name, boolean up) {
    return new CheckState(name, up ? CheckState.Reported.UP : CheckState.Reported.DOWN, up ? null : FailureKind.REFUSED,
      up ? null : "connection refused", 2, NOW, NANOS, 60_000_000_000L, up ? 0 : 1, up ? 1 : 0);
  }

  /** Two hours of minutes, down from 45 to 30 minutes ago (11:15 to 11:30): one whole ten-minute period and parts of two. */
  private static CheckHistory history(String name, boolean upNow) {
    List<MinuteBucket> minutes = new java.util.ArrayList<>();
    for (long m = NOW_MINUTE - 120; m < NOW_MINUTE; m++) {
      long age = NOW_MINUTE - m;
      boolean down = age >= 30 && age <= 45;
      minutes.add(new MinuteBucket(m, 12, down ? 12 : 0, 0, 1, 3, 24, 12, down ? 0 : 60_000, down ? 60_000 : 0, 0));
    }
    List<Transition> transitions = List.of(
      new Transition(NOW.minusSeconds(30 * 60), "down", "ok", null, null),
      new Transition(NOW.minusSeconds(45 * 60), "ok", "down", FailureKind.REFUSED, "connection refused"));
    return CheckHistory.of(name, upNow ? "ok" : "down", NOW.minusSeconds(30), minutes, transitions);
  }

  private static StatusRow row(DependencyGroup group, String name, boolean up) {
    return StatusRow.of(group, state(name, up), Optional.of(history(name, up)), NANOS, NOW);
  }

  @Test
  void theTimelineShowsDownAndPartlyDownPeriodsByClassHeightAndTitle() {
    String html = page(HealthStatus.OK, List.of(row(REDIS, "redis", true)), false);
    // Periods are wall-clock ten minutes, the current one (12:00-12:09) last: 11:20-11:29 is down, 11:10-11:19 and
    // 11:30-11:39 down part of the time.
    assertThat(html).contains("aria-label=\"down in 3 of 144 ten-minute periods in the last 24 hours\"")
      .contains("<path class=\"t-down\" d=\"M0 11.0h144\" stroke-width=\"22\" stroke-dasharray=\"0 139 1 4\"><title>down</title></path>")
      .contains("<path class=\"t-part\" d=\"M0 14.5h144\" stroke-width=\"15\" stroke-dasharray=\"0 138 1 1 1 3\"><title>down part of the time</title></path>")
      .contains("<path class=\"t-none\" d=\"M0 20.5h144\" stroke-width=\"3\" stroke-dasharray=\"131 13\"");
  }

  @Test
  void reasonsOnlyWithDetailsAndTheServiceNameEscaped() {
    List<StatusRow> rows = List.of(row(REDIS, "redis", false));
    String anonymous = StatusPage.render("<script>x</script>", HealthStatus.ERROR, rows, PageQuery.DEFAULT, false, "", NOW);
    assertThat(anonymous).contains("&lt;script&gt;x&lt;/script&gt;").doesNotContain("<script>")
      .contains("✕ Down", "Up → Down").doesNotContain("refused");
    String granted = page(HealthStatus.ERROR, rows, true);
    assertThat(granted).contains(": <span class=\"reason\">connection refused</span>",
      "Up → Down: <span class=\"reason\">refused, connection refused</span>");
  }

  @Test
  void theContentSecurityPolicyAdmitsExactlyThePageStylesheet() throws Exception {
    String html = page(HealthStatus.OK, List.of(), false);
    String css = html.substring(html.indexOf("<style>") + 7, html.indexOf("</style>"));
    String hash = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(css.getBytes(StandardCharsets.UTF_8)));
    assertThat(StatusPage.CONTENT_SECURITY_POLICY).contains("style-src 'sha256-" + hash + "'").startsWith("default-src 'none'");
    assertThat(html).doesNotContain("style=\"", "<script", "src=", "href=");
    assertThat(StatusPage.CONTENT_SECURITY_POLICY).as("the filter form").contains("form-action 'self'");
  }

  private static String page(HealthStatus overall, List<StatusRow> rows, boolean details) {
    return StatusPage.render("svc", overall, rows, PageQuery.DEFAULT, details, "", NOW);
  }

  @Test
  void aGroupBadgeShowsItsWorstMemberAndLowestUptime() {
    DependencyGroup llm = new DependencyGroup("llm_services", false, List.of("openai", "anthropic"));
    String svg = Badge.render("llm_services", List.of(row(llm, "openai", true), row(llm, "anthropic", false)));
    // 16 of the 120 observed minutes down, and the 30 s since the last event counted for the current state.
    assertThat(svg).contains("aria-label=\"llm_services: down 86.31% 24h\"", "fill=\"#c62828\"");
    String up = Badge.render("openai", List.of(row(llm, "openai", true)));
    assertThat(up).contains("aria-label=\"openai: up 86.72% 24h\"", "fill=\"#2e7d32\"");
  }
}
