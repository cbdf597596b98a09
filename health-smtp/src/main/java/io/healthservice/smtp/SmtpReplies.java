package io.healthservice.smtp;

import io.healthservice.CheckFailure;
import io.healthservice.FailureKind;

import java.util.Locale;

/**
 * Reads SMTP replies line by line (RFC 5321 4.2): {@code 250-first}, {@code 250-next}, ..., {@code 250 last}.
 * Keeps only the code and whether an {@code EHLO} reply lists {@code STARTTLS}; never the server's text.
 */
final class SmtpReplies {

  /** A reply line longer than this (RFC 5321 allows 512 octets) is not the server we expect. */
  static final int MAX_LINE = 2048;
  /** An EHLO reply lists a dozen extensions; more lines than this is a server that never ends its reply. */
  static final int MAX_LINES = 256;

  /** One complete reply: its code and, for an EHLO reply, whether the server offers {@code STARTTLS}. */
  record Reply(int code, boolean offersStartTls) {
  }

  private int code = -1;
  private int lines;
  private boolean startTls;

  /**
   * Takes one line (without its line end). Returns the reply it completes, or null while a multi-line reply goes on.
   *
   * @throws CheckFailure for a line that is not an SMTP reply line
   */
  Reply feed(String line) {
    if (!isReplyLine(line) || code >= 0 && code != Integer.parseInt(line.substring(0, 3))) {
      throw new CheckFailure(FailureKind.ERROR, "not an SMTP server");
    }
    if (++lines > MAX_LINES) {
      throw new CheckFailure(FailureKind.ERROR, "protocol error: reply too long");
    }
    // The first line of an EHLO reply is the server's name; the keywords follow.
    if (code >= 0 && line.length() > 4 && isStartTls(line.substring(4))) {
      startTls = true;
    }
    code = Integer.parseInt(line.substring(0, 3));
    if (line.length() > 3 && line.charAt(3) == '-') {
      return null;
    }
    Reply reply = new Reply(code, startTls);
    code = -1;
    lines = 0;
    startTls = false;
    return reply;
  }

  /** Three digits (2-5, 0-5, 0-9), then nothing, a space or a hyphen. */
  static boolean isReplyLine(String line) {
    if (line.length() < 3 || line.charAt(0) < '2' || line.charAt(0) > '5' || line.charAt(1) < '0' || line.charAt(1) > '5'
      || line.charAt(2) < '0' || line.charAt(2) > '9') {
      return false;
    }
    return line.length() == 3 || line.charAt(3) == ' ' || line.charAt(3) == '-';
  }

  private static boolean isStartTls(String keywordLine) {
    String keyword = keywordLine.trim().toUpperCase(Locale.ROOT);
    return keyword.equals("STARTTLS") || keyword.startsWith("STARTTLS ");
  }
}
