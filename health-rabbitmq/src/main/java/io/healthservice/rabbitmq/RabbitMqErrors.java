package io.healthservice.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.AuthenticationFailureException;
import com.rabbitmq.client.MalformedFrameException;
import com.rabbitmq.client.Method;
import com.rabbitmq.client.PossibleAuthenticationFailureException;
import com.rabbitmq.client.ProtocolVersionMismatchException;
import com.rabbitmq.client.ShutdownSignalException;
import io.healthservice.CheckFailure;
import io.healthservice.FailureKind;

import java.io.EOFException;
import java.net.SocketTimeoutException;

/**
 * Words for an AMQP 0-9-1 failure from its reply code and the client's exception type only. The broker's
 * reply text names the user and the vhost ("access to vhost 'x' refused for user 'y'"), so it is never read.
 */
final class RabbitMqErrors {

  private RabbitMqErrors() {
  }

  static CheckFailure classify(Throwable error) {
    for (Throwable t = error; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof CheckFailure failure) {
        return failure;
      }
      if (t instanceof AuthenticationFailureException) {
        return new CheckFailure(FailureKind.ERROR, "access refused (403)");
      }
      if (t instanceof PossibleAuthenticationFailureException) {
        return new CheckFailure(FailureKind.ERROR, "connection closed during login (authentication failed?)");
      }
      // amqp-client's frame reader fails with IllegalStateException ("frame body too large") on bytes that are not AMQP.
      if (t instanceof MalformedFrameException || t instanceof ProtocolVersionMismatchException
        || t instanceof IllegalStateException || t instanceof IndexOutOfBoundsException) {
        return new CheckFailure(FailureKind.ERROR, "protocol error: unexpected reply");
      }
      if (t instanceof EOFException) {
        return new CheckFailure(FailureKind.REFUSED, "connection closed by peer");
      }
      if (t instanceof SocketTimeoutException) {
        return new CheckFailure(FailureKind.TIMEOUT, "timeout");
      }
      if (t instanceof ShutdownSignalException signal) {
        CheckFailure byCode = byReason(signal.getReason());
        if (byCode != null) {
          return byCode;
        }
      }
    }
    return CheckFailure.of(error);
  }

  private static CheckFailure byReason(Method reason) {
    int code;
    if (reason instanceof AMQP.Connection.Close close) {
      code = close.getReplyCode();
    } else if (reason instanceof AMQP.Channel.Close close) {
      code = close.getReplyCode();
    } else {
      return null;
    }
    return byCode(code);
  }

  static CheckFailure byCode(int code) {
    String words = switch (code) {
      case 403 -> "access refused";
      case 530 -> "vhost not allowed";
      case 320 -> "connection closed by broker";
      case 402 -> "invalid path";
      case 404 -> "not found";
      case 405 -> "resource locked";
      case 406 -> "precondition failed";
      case 501 -> "frame error";
      case 502 -> "syntax error";
      case 503 -> "command invalid";
      case 504 -> "channel error";
      case 505 -> "unexpected frame";
      case 506 -> "resource error";
      case 540 -> "not implemented";
      case 541 -> "broker internal error";
      default -> "AMQP error";
    };
    FailureKind kind = code == 320 ? FailureKind.REFUSED : FailureKind.ERROR;
    return new CheckFailure(kind, words + " (" + code + ")");
  }
}
