package io.healthservice.smtp;

import io.healthservice.CheckFailure;
import io.healthservice.FailureKind;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.RecordParser;

import java.nio.charset.StandardCharsets;

/**
 * One run's SMTP dialogue on its own socket, on the event loop of the run: greeting, EHLO, [STARTTLS, TLS, EHLO],
 * QUIT. Whatever happens, the run settles within {@code limitMs} and the socket is closed before it does.
 */
final class SmtpConversation {

  /** Where the dialogue stands: what a failing reply is reported as, and what a timeout was waiting for. */
  private enum Step {
    CONNECT("connect", "connection"),
    GREETING("greeting", "greeting"),
    EHLO("EHLO", "EHLO reply"),
    STARTTLS("STARTTLS", "STARTTLS reply"),
    HANDSHAKE("TLS", "TLS handshake"),
    EHLO_TLS("EHLO", "EHLO reply after STARTTLS"),
    QUIT("QUIT", "QUIT reply");

    final String label;
    final String awaiting;

    Step(String label, String awaiting) {
      this.label = label;
      this.awaiting = awaiting;
    }
  }

  private final Vertx vertx;
  private final SmtpTarget target;
  private final ClientSSLOptions tls;
  private final int limitMs;
  private final Promise<Void> run = Promise.promise();
  private SmtpReplies replies = new SmtpReplies();
  private Step step = Step.CONNECT;
  private NetSocket socket;
  private boolean spokeTls;

  SmtpConversation(Vertx vertx, SmtpTarget target, ClientSSLOptions tls, int limitMs) {
    this.vertx = vertx;
    this.target = target;
    this.tls = tls;
    this.limitMs = limitMs;
  }

  /** Whether this run negotiated (or tried to negotiate) TLS, so the peer's certificate is this run's. */
  boolean spokeTls() {
    return spokeTls;
  }

  Future<Void> run(Future<NetSocket> connecting) {
    // A tarpitting or hung server holds the run no longer than the client limit.
    long timer = vertx.setTimer(limitMs, t -> timedOut());
    connecting.onComplete(connected -> {
      if (connected.failed()) {
        CheckFailure failure = CheckFailure.of(connected.cause());
        // smtps: a refused handshake still saw the certificate (expired, untrusted); a refused connection saw none.
        spokeTls = target.tls() && failure.reason().startsWith("TLS");
        run.tryFail(failure);
      } else if (run.future().isComplete()) {
        connected.result().close();
      } else {
        start(connected.result());
      }
    });
    return run.future().transform(outcome -> {
      vertx.cancelTimer(timer);
      Future<Void> closed = socket == null ? Future.succeededFuture() : socket.close().otherwiseEmpty();
      return closed.transform(v -> outcome.succeeded() ? Future.<Void>succeededFuture() : Future.<Void>failedFuture(outcome.cause()));
    });
  }

  private void start(NetSocket connected) {
    socket = connected;
    spokeTls = target.tls();
    step = Step.GREETING;
    listen();
    socket.exceptionHandler(e -> endOr(CheckFailure.of(e)));
    socket.closeHandler(v -> endOr(new CheckFailure(FailureKind.REFUSED, "connection closed by the server")));
  }

  /** A fresh line reader: after STARTTLS, nothing the server sent in plain text may reach the TLS dialogue. */
  private void listen() {
    socket.handler(RecordParser.newDelimited("\n", this::onLine)
      .maxRecordSize(SmtpReplies.MAX_LINE)
      .exceptionHandler(e -> fail(new CheckFailure(FailureKind.ERROR, "protocol error: reply line too long"))));
  }

  private void onLine(Buffer raw) {
    if (run.future().isComplete()) {
      return;
    }
    if (step == Step.QUIT) {
      run.tryComplete(); // any answer to QUIT: the server already proved itself
      return;
    }
    if (step == Step.HANDSHAKE) {
      fail(new CheckFailure(FailureKind.ERROR, "protocol error: data after the STARTTLS reply"));
      return;
    }
    String line = raw.toString(StandardCharsets.ISO_8859_1);
    if (line.endsWith("\r")) {
      line = line.substring(0, line.length() - 1);
    }
    SmtpReplies.Reply reply;
    try {
      reply = replies.feed(line);
    } catch (CheckFailure notSmtp) {
      fail(notSmtp);
      return;
    }
    if (reply != null) {
      onReply(reply);
    }
  }

  private void onReply(SmtpReplies.Reply reply) {
    int expected = step == Step.GREETING || step == Step.STARTTLS ? 220 : 250;
    if (reply.code() != expected) {
      // 421: the server is closing the channel, whatever was asked.
      fail(new CheckFailure(FailureKind.ERROR, reply.code() == 421 ? "421 from the server" : step.label + " " + reply.code()));
      return;
    }
    switch (step) {
      case GREETING -> send("EHLO " + target.heloName(), Step.EHLO);
      case EHLO -> {
        if (!target.upgrades()) {
          send("QUIT", Step.QUIT);
        } else if (reply.offersStartTls()) {
          send("STARTTLS", Step.STARTTLS);
        } else {
          fail(new CheckFailure(FailureKind.ERROR, "STARTTLS not offered"));
        }
      }
      case STARTTLS -> upgrade();
      case EHLO_TLS -> send("QUIT", Step.QUIT);
      default -> fail(new CheckFailure(FailureKind.ERROR, "protocol error: unexpected reply"));
    }
  }

  private void upgrade() {
    step = Step.HANDSHAKE;
    spokeTls = true;
    replies = new SmtpReplies();
    listen();
    socket.upgradeToSsl(tls, target.host()).onComplete(upgraded -> {
      if (upgraded.failed()) {
        fail(CheckFailure.of(upgraded.cause()));
      } else if (!run.future().isComplete()) {
        send("EHLO " + target.heloName(), Step.EHLO_TLS);
      }
    });
  }

  private void send(String command, Step next) {
    step = next;
    socket.write(command + "\r\n").onFailure(e -> endOr(CheckFailure.of(e)));
  }

  /** The socket ended or failed: after QUIT that is the normal end, before it the run's failure. */
  private void endOr(CheckFailure failure) {
    if (step == Step.QUIT) {
      run.tryComplete();
    } else {
      fail(failure);
    }
  }

  private void timedOut() {
    endOr(new CheckFailure(FailureKind.TIMEOUT, "timeout waiting for the " + step.awaiting));
  }

  private void fail(CheckFailure failure) {
    run.tryFail(failure);
  }
}
