package io.healthservice.smtp;

import io.healthservice.support.CheckRuns;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.core.parsetools.RecordParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What no aiosmtpd can be made to say, from a stand-in on Vert.x's TCP server: a greeting that is no SMTP, a line
 * past the bound, 421, a refused STARTTLS, plain text injected after the STARTTLS reply. Reasons by code only.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SmtpStandInTest {

  private static final String SECRET = "relay.secret.internal";
  private static final long RUN_MS = 5000;
  private static Vertx vertx;

  @BeforeAll
  static void setUp() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void tearDown() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  /** Sends {@code greeting} on connect, then answers each command (its first word) from {@code replies}. */
  private static NetServer standIn(String greeting, Map<String, String> replies) throws Exception {
    return vertx.createNetServer().connectHandler(socket -> {
      socket.handler(RecordParser.newDelimited("\r\n", line -> {
        String command = line.toString().split(" ")[0];
        socket.write(replies.getOrDefault(command, "500 5.5.2 what on " + SECRET + "\r\n"));
      }));
      socket.write(greeting);
    }).listen(0, "127.0.0.1").await(5, TimeUnit.SECONDS);
  }

  private static String reason(NetServer server, boolean startTls) throws Exception {
    SmtpCheck check = SmtpCheckTest.checkOn(vertx, server.actualPort(), startTls);
    try {
      return CheckRuns.run(vertx, check, RUN_MS).reason();
    } finally {
      server.close().await(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void aGreetingThatIsNoSmtpIsNotAnSmtpServer() throws Exception {
    assertThat(reason(standIn("HTTP/1.1 400 Bad Request\r\n\r\n", Map.of()), false)).isEqualTo("not an SMTP server");
    assertThat(reason(standIn("+OK POP3 ready on " + SECRET + "\r\n", Map.of()), false)).isEqualTo("not an SMTP server");
    // a multi-line reply whose lines disagree on the code
    assertThat(reason(standIn("220-hello\r\n250 " + SECRET + "\r\n", Map.of()), false)).isEqualTo("not an SMTP server");
  }

  @Test
  void aReplyLinePastTheBoundIsAProtocolError() throws Exception {
    String endless = "220 " + "x".repeat(SmtpReplies.MAX_LINE + 10);
    assertThat(reason(standIn(endless, Map.of()), false)).isEqualTo("protocol error: reply line too long");
  }

  @Test
  void codesNeverTexts() throws Exception {
    assertThat(reason(standIn("421 4.3.2 " + SECRET + " shutting down\r\n", Map.of()), false))
      .isEqualTo("421 from the server");
    assertThat(reason(standIn("220 " + SECRET + "\r\n", Map.of("EHLO", "421 4.7.0 " + SECRET + "\r\n")), false))
      .isEqualTo("421 from the server");
    assertThat(reason(standIn("220 " + SECRET + "\r\n", Map.of("EHLO", "501 5.5.4 bad name on " + SECRET + "\r\n")), false))
      .isEqualTo("EHLO 501");
    String offering = "250-" + SECRET + "\r\n250-PIPELINING\r\n250 STARTTLS\r\n";
    assertThat(reason(standIn("220 " + SECRET + "\r\n", Map.of("EHLO", offering, "STARTTLS", "454 4.7.0 " + SECRET + "\r\n")), true))
      .isEqualTo("STARTTLS 454");
  }

  @Test
  void plainTextAfterTheStartTlsReplyIsRefused() throws Exception {
    String offering = "250-" + SECRET + "\r\n250 STARTTLS\r\n";
    // A man in the middle answering STARTTLS and injecting a reply meant to be read as the server's over TLS.
    String injected = "220 2.0.0 go ahead\r\n250 injected\r\n";
    // One write arrives as one read on loopback; were it split, the TLS layer would refuse the rest instead.
    assertThat(reason(standIn("220 " + SECRET + "\r\n", Map.of("EHLO", offering, "STARTTLS", injected)), true))
      .isIn("protocol error: data after the STARTTLS reply", "TLS handshake failed");
  }

  @Test
  void anAnswerToQuitDoesNotMatterOnceEhloPassed() throws Exception {
    assertThat(reason(standIn("220 " + SECRET + "\r\n", Map.of("EHLO", "250 " + SECRET + "\r\n",
      "QUIT", "500 whatever\r\n")), false)).isNull();
  }

  @Test
  void aServerThatClosesBeforeGreetingIsDown() throws Exception {
    NetServer closing = vertx.createNetServer().connectHandler(socket -> socket.close())
      .listen(0, "127.0.0.1").await(5, TimeUnit.SECONDS);
    assertThat(reason(closing, false)).isEqualTo("connection closed by the server");
  }
}
