package io.healthservice.smtp;

import io.healthservice.support.Exec;
import io.healthservice.support.Ports;
import io.healthservice.support.ShortLivedCertificate;
import io.healthservice.support.Tools;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An SMTP server of the test's own: Debian's aiosmtpd 1.4 ({@code python3-aiosmtpd}) on 127.0.0.1 and a spare port,
 * run by a small script ({@code smtp_server.py}, beside this class) and owned by PID. Its greeting has two lines.
 * Public, in the module's test-jar, so the service's end-to-end test can start the same server.
 */
public final class SmtpServer implements AutoCloseable {

  /** What the server does; the TLS modes need a certificate. */
  public enum Mode {
    /** Greeting and EHLO, no STARTTLS offered. */
    PLAIN("plain"),
    /** STARTTLS offered (and required before mail). */
    STARTTLS("starttls"),
    /** TLS from the first byte (implicit TLS, as on port 465). */
    SMTPS("smtps"),
    /** The greeting is {@code 554} with a text ({@link #SECRET_TEXT}) no reason may show. */
    GREETING_554("greeting-554"),
    /** {@code EHLO} is answered {@code 451} with a text ({@link #SECRET_TEXT}) no reason may show. */
    EHLO_451("ehlo-451");

    private final String argument;

    Mode(String argument) {
      this.argument = argument;
    }
  }

  /** The words of the error replies, which a check's reason must never contain. */
  public static final String SECRET_TEXT = "mx-secret.internal";

  private static final String PYTHON = "/usr/bin/python3";

  private final Process process;
  private final Path dir;
  private final int port;

  private SmtpServer(Process process, Path dir, int port) {
    this.process = process;
    this.dir = dir;
    this.port = port;
  }

  /** A plain server (no certificate needed). */
  public static SmtpServer start(Mode mode) throws Exception {
    return start(mode, null);
  }

  /** A server in {@code mode}, presenting {@code certificate} for STARTTLS or SMTPS; listening when this returns. */
  public static SmtpServer start(Mode mode, ShortLivedCertificate certificate) throws Exception {
    Objects.requireNonNull(mode, "mode");
    Tools.require(PYTHON, "python3");
    Tools.require("/usr/bin/aiosmtpd", "python3-aiosmtpd");
    Path dir = Exec.tempDir("smtp", false);
    Path script = dir.resolve("smtp_server.py");
    try (InputStream in = SmtpServer.class.getResourceAsStream("smtp_server.py")) {
      Files.copy(Objects.requireNonNull(in, "smtp_server.py beside SmtpServer"), script);
    }
    int port = Ports.free();
    List<String> command = new ArrayList<>(List.of(PYTHON, script.toString(), mode.argument, Integer.toString(port)));
    if (mode == Mode.STARTTLS || mode == Mode.SMTPS) {
      Objects.requireNonNull(certificate, "a certificate for " + mode);
      command.add(certificate.certificateFile());
      command.add(certificate.keyFile());
    }
    Path log = dir.resolve("server.log");
    Process process = Exec.spawn(command, dir, log);
    SmtpServer server = new SmtpServer(process, dir, port);
    try {
      Exec.awaitListening(process, port, Duration.ofSeconds(15), () -> Exec.read(log));
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
    return server;
  }

  public String host() {
    return "127.0.0.1";
  }

  public int port() {
    return port;
  }

  /** The server's log (aiosmtpd's warnings and errors), for a failing test's message. */
  public String log() {
    return Exec.read(dir.resolve("server.log"));
  }

  @Override
  public void close() {
    Exec.kill(process);
    Exec.deleteTree(dir);
  }
}
