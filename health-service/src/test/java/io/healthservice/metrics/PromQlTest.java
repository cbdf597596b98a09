package io.healthservice.metrics;

import io.healthservice.metrics.PromQl.Matcher;
import io.healthservice.metrics.PromQl.Parsed;
import io.healthservice.metrics.PromQl.Selector;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The reader the dashboard test relies on: it must find every selector, or that test proves nothing. */
class PromQlTest {

  @Test
  void findsSelectorsInsideFunctionsAndAggregations() {
    Parsed parsed = PromQl.parse("histogram_quantile(0.99, sum by (le, check) "
      + "(rate(health_check_duration_seconds_bucket{job=~\"$job\", check!=\"x\"}[$__rate_interval])))");
    assertThat(parsed.selectors()).containsExactly(new Selector("health_check_duration_seconds_bucket",
      List.of(new Matcher("job", "=~", "$job"), new Matcher("check", "!=", "x"))));
    assertThat(parsed.groupingLabels()).containsExactly("le", "check");
  }

  @Test
  void findsBareMetricsOnBothSidesOfOperators() {
    Parsed parsed = PromQl.parse("sum(rate(a_total[5m])) / on (job) group_left(version) b_info * 60 > bool 1e3 "
      + "unless max without (instance) (c) offset 5m");
    assertThat(parsed.selectors()).extracting(Selector::metric).containsExactly("a_total", "b_info", "c");
    assertThat(parsed.groupingLabels()).containsExactly("job", "version", "instance");
  }

  @Test
  void stringsAndVariablesAreNotMetrics() {
    Parsed parsed = PromQl.parse("label_replace(up{job=\"a,b}\"}, \"dst\", \"$1\", \"src\", \"(.*)\") == $threshold");
    assertThat(parsed.selectors()).containsExactly(new Selector("up", List.of(new Matcher("job", "=", "a,b}"))));
  }

  @Test
  void aggregationWithGroupingFirst() {
    Parsed parsed = PromQl.parse("count by (version, service) (health_build_info{instance=~\"$instance\"})");
    assertThat(parsed.selectors()).extracting(Selector::metric).containsExactly("health_build_info");
    assertThat(parsed.groupingLabels()).containsExactly("version", "service");
  }

  @Test
  void aMalformedSelectorIsAnError() {
    assertThatThrownBy(() -> PromQl.parse("up{job}")).isInstanceOf(IllegalArgumentException.class);
  }
}
