package io.healthservice.support;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ToolsTest {

  private static final String MISSING = "/nonexistent/bin/frobnicate";

  @Test
  void aPresentToolIsReturned() {
    assertThat(Tools.require("/bin/sh", "dash", Map.of("CI", "true"))).isEqualTo("/bin/sh");
  }

  @Test
  void aMissingToolFailsOnCi() {
    assertThatThrownBy(() -> Tools.require(MISSING, "frob", Map.of("CI", "true")))
      .isInstanceOf(AssertionFailedError.class)
      .hasMessage("frobnicate is missing: install Debian package frob (.ci/run does)");
  }

  @Test
  void aMissingToolSkipsElsewhere() {
    assertThatThrownBy(() -> Tools.require(MISSING, "frob", Map.of()))
      .isInstanceOf(TestAbortedException.class)
      .hasMessageContaining("frobnicate is missing: install Debian package frob");
    assertThatThrownBy(() -> Tools.require(MISSING, "frob", Map.of("CI", "false")))
      .isInstanceOf(TestAbortedException.class);
  }

  @Test
  void aToolThatCannotRunFailsOnCiAndSkipsElsewhere() {
    assertThatThrownBy(() -> Tools.unavailable("podman cannot run here: no cgroups", Map.of("CI", "true")))
      .isInstanceOf(AssertionFailedError.class).hasMessage("podman cannot run here: no cgroups");
    assertThatThrownBy(() -> Tools.unavailable("podman cannot run here: no cgroups", Map.of()))
      .isInstanceOf(TestAbortedException.class).hasMessageContaining("no cgroups");
  }
}
