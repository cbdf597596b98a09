package io.healthservice.http;

import io.healthservice.CheckFailure;
import io.healthservice.support.CheckRuns;
import io.healthservice.support.Exec;
import io.healthservice.support.OnContext;
import io.healthservice.support.Ports;
import io.healthservice.support.Tools;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The dns check against a dnsmasq of its own (Debian's package, on a spare port, owned by PID and stopped): an
 * answer, NXDOMAIN, REFUSED, no answer of the type, expect_answer, and a server that does not answer.
 */
class DnsCheckTest {

  private static final Duration RUN = Duration.ofSeconds(2);
  private static Vertx vertx;
  private static Process dnsmasq;
  private static int port;

  @BeforeAll
  static void setUp() throws Exception {
    vertx = Vertx.vertx();
    String binary = Tools.require("/usr/sbin/dnsmasq", "dnsmasq-base");
    port = Ports.free();
    Path log = Files.createTempFile("dnsmasq", ".log");
    // Answers for .test only (NXDOMAIN for other names there), REFUSED elsewhere: no upstream, no /etc/hosts.
    dnsmasq = Exec.spawn(List.of(binary, "--keep-in-foreground", "--conf-file=/dev/null", "--no-resolv", "--no-hosts",
      "--port=" + port, "--listen-address=127.0.0.1", "--bind-interfaces", "--user=root", "--pid-file=",
      "--local=/test/", "--address=/db.test/10.1.2.3", "--txt-record=txt.test,v=spf1 -all"), Path.of("/tmp"), log);
    Exec.awaitListening(dnsmasq, port, Duration.ofSeconds(10), () -> read(log));
  }

  @AfterAll
  static void tearDown() throws Exception {
    if (dnsmasq != null) {
      dnsmasq.destroy();
      dnsmasq.waitFor(5, TimeUnit.SECONDS);
    }
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private static String read(Path log) {
    try {
      return Files.readString(log);
    } catch (java.io.IOException e) {
      return "";
    }
  }

  private static DnsCheck check(String url, String expect) {
    return new DnsCheck(vertx, "resolver", DnsTarget.parse(url, Optional.ofNullable(expect)));
  }

  private static String reason(DnsCheck check) throws Exception {
    try {
      OnContext.await(vertx, () -> check.ping(CheckRuns.context(check, RUN)));
      return null;
    } catch (Exception e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      assertThat(cause).isInstanceOf(CheckFailure.class);
      return ((CheckFailure) cause).reason();
    }
  }

  @Test
  void answersAndTheirAbsenceAsReasons() throws Exception {
    String server = "dns://127.0.0.1:" + port + "/";
    assertThat(reason(check(server + "db.test", null))).isNull();
    assertThat(reason(check(server + "db.test?type=A", "10.1.2.3"))).isNull();
    assertThat(reason(check(server + "db.test", "10.9.9.9"))).isEqualTo("no A answer matches expect_answer");
    assertThat(reason(check(server + "txt.test?type=TXT", "spf1"))).isNull();
    assertThat(reason(check(server + "missing.test", null))).isEqualTo("NXDOMAIN");
    assertThat(reason(check(server + "example.org", null))).isEqualTo("REFUSED");
    assertThat(check(server + "db.test", null).target()).isEqualTo("dns://127.0.0.1:" + port + "/db.test?type=A");
  }

  @Test
  void aServerThatNeverAnswersFailsWithinTheRun() throws Exception {
    int silent = Ports.free(); // nothing listens on this UDP port: the query times out (or is refused)
    String reason = reason(check("dns://127.0.0.1:" + silent + "/db.test", null));
    assertThat(reason).isIn("no answer from the DNS server", "connection refused");
  }

  @Test
  void aBadUrlIsRefusedWithAnExample() {
    assertThatThrownBy(() -> DnsTarget.parse("dns://10.0.0.2:53/", Optional.empty())).hasMessageContaining("dns://server");
    assertThatThrownBy(() -> DnsTarget.parse("dns://10.0.0.2/x?type=SOA", Optional.empty())).hasMessageContaining("type must be");
  }
}
