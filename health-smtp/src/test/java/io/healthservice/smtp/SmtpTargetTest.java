package io.healthservice.smtp;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The URL and EHLO name rules of {@code type: smtp}; a refused URL is never echoed (it might hold a password). */
class SmtpTargetTest {

  private static SmtpTarget parse(String url) {
    return SmtpTarget.parse(url, false, false, "probe.test", Optional.empty());
  }

  @Test
  void defaultPortsPerScheme() {
    assertThat(parse("smtp://mail.example.com").port()).isEqualTo(25);
    assertThat(parse("smtps://mail.example.com").port()).isEqualTo(465);
    assertThat(parse("smtp://mail:587").port()).isEqualTo(587);
    assertThat(parse("smtps://mail").tls()).isTrue();
    assertThat(parse("smtp://[::1]:2525").url()).isEqualTo("smtp://[::1]:2525");
    assertThat(parse("SMTP://mail").url()).isEqualTo("smtp://mail:25");
  }

  @Test
  void whatTheCheckDoesNotTakeIsRefusedWithoutEchoingTheUrl() {
    assertThatThrownBy(() -> parse("smtp://user:hunter2@mail:25"))
      .hasMessageContaining("never authenticates").hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> parse("http://mail:25")).hasMessageContaining("smtp://host");
    assertThatThrownBy(() -> parse("smtp://mail:25/path")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> parse("smtp://mail:25?x=1")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SmtpTarget.parse("smtps://mail", true, false, "probe.test", Optional.empty()))
      .hasMessageContaining("starttls is for smtp://");
  }

  @Test
  void upgradesOnlyAPlainConnectionThatAsks() {
    assertThat(parse("smtp://mail").upgrades()).isFalse();
    assertThat(SmtpTarget.parse("smtp://mail", true, false, "probe.test", Optional.empty()).upgrades()).isTrue();
    assertThat(SmtpTarget.parse("smtp://mail", false, true, "probe.test", Optional.empty()).upgrades()).isTrue();
    assertThat(SmtpTarget.parse("smtps://mail", false, true, "probe.test", Optional.empty()).upgrades()).isFalse();
  }

  @Test
  void ehloNamesAreDomainNamesOrAddressLiterals() {
    assertThat(SmtpTarget.requireHeloName("probe.example.com")).isEqualTo("probe.example.com");
    assertThat(SmtpTarget.requireHeloName("[192.0.2.1]")).isEqualTo("[192.0.2.1]");
    assertThat(SmtpTarget.requireHeloName("[IPv6:2001:db8::1]")).isEqualTo("[IPv6:2001:db8::1]");
    for (String bad : new String[] {"", "two words", "x\r\nMAIL FROM:<a@b>", "-dash.example", "a..b", "under_score"}) {
      assertThatThrownBy(() -> SmtpTarget.requireHeloName(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(SmtpTarget.requireHeloName(SmtpTarget.defaultHeloName())).isNotEmpty();
  }

  @Test
  void replyLines() {
    SmtpReplies replies = new SmtpReplies();
    assertThat(replies.feed("250-mx.test")).isNull();
    assertThat(replies.feed("250-STARTTLS")).isNull();
    assertThat(replies.feed("250 HELP")).isEqualTo(new SmtpReplies.Reply(250, true));
    assertThat(replies.feed("220")).isEqualTo(new SmtpReplies.Reply(220, false));
    // the server's own name on the first line is no keyword
    assertThat(replies.feed("250 STARTTLS")).isEqualTo(new SmtpReplies.Reply(250, false));
    assertThat(SmtpReplies.isReplyLine("199 x")).isFalse();
    assertThat(SmtpReplies.isReplyLine("2500 x")).isFalse();
    assertThat(SmtpReplies.isReplyLine("25")).isFalse();
  }
}
