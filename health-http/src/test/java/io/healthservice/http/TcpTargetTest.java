package io.healthservice.http;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** tcp:// and tls:// URLs, and everything else refused. */
class TcpTargetTest {

  @Test
  void parsesTcpAndTls() {
    assertThat(TcpTarget.parse("tcp://broker:5672", Optional.empty()))
      .isEqualTo(new TcpTarget("broker", 5672, false, Optional.empty()));
    assertThat(TcpTarget.parse("TLS://mail.example.com:465/", Optional.of("/ca.pem")))
      .isEqualTo(new TcpTarget("mail.example.com", 465, true, Optional.of("/ca.pem")));
    TcpTarget v6 = TcpTarget.parse("tcp://[::1]:6000", Optional.empty());
    assertThat(v6.host()).isEqualTo("::1");
    assertThat(v6.url()).isEqualTo("tcp://[::1]:6000");
  }

  @Test
  void refusesOtherSchemesMissingPortsAndExtras() {
    for (String bad : List.of("http://h:80", "tcp://h", "tcp://:80", "tcp://h:0", "tcp://h:70000",
      "tcp://u:p@h:80", "tcp://h:80/path", "tcp://h:80?x=1", "h:80", "tcp://h:port")) {
      assertThatThrownBy(() -> TcpTarget.parse(bad, Optional.empty())).as(bad)
        .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
