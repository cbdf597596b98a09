package io.healthservice.grpc.check;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** grpc:// and grpcs:// URLs; the service stays apart from the URL. */
class GrpcTargetTest {

  @Test
  void parsesPlainAndTls() {
    GrpcTarget plain = GrpcTarget.of("grpc://orders:50051");
    assertThat(plain.tls()).isFalse();
    assertThat(plain.host()).isEqualTo("orders");
    assertThat(plain.port()).isEqualTo(50051);
    assertThat(plain.service()).isEmpty();
    GrpcTarget tls = new GrpcTarget("GRPCS://[::1]:443", null, null);
    assertThat(tls.tls()).isTrue();
    assertThat(tls.host()).isEqualTo("::1");
    assertThat(tls.service()).isEqualTo("");
    assertThat(tls.caFile()).isEqualTo(Optional.empty());
  }

  @Test
  void refusesOtherSchemesMissingPortsAndPaths() {
    for (String bad : List.of("http://h:80", "grpc://h", "grpc://h:0", "grpc://u:p@h:1", "grpc://h:1/orders.Orders",
      "grpc://h:1?service=x", "h:1")) {
      assertThatThrownBy(() -> GrpcTarget.of(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
  }
}
