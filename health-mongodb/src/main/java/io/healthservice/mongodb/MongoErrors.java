package io.healthservice.mongodb;

import com.mongodb.MongoIncompatibleDriverException;
import com.mongodb.MongoSecurityException;
import com.mongodb.MongoServerException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoSocketOpenException;
import com.mongodb.MongoSocketReadTimeoutException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.connection.ServerDescription;
import com.mongodb.connection.ServerType;
import io.healthservice.CheckFailure;
import io.healthservice.FailureKind;

import java.util.List;

/**
 * Reasons from the driver's exception types and the server's error codes and code names, never a message: the
 * driver's name hosts, the cluster's description and the server's {@code errmsg}.
 */
final class MongoErrors {

  private MongoErrors() {
  }

  /**
   * @param servers    what the client's monitors last saw, for a server selection that timed out
   * @param replicaSet the URL's {@code replicaSet}, or null
   */
  static CheckFailure classify(Throwable error, List<ServerDescription> servers, String replicaSet) {
    if (error instanceof CheckFailure failure) {
      return failure;
    }
    if (error instanceof MongoSecurityException security) {
      String code = security.getCause() instanceof MongoServerException server ? " " + code(server) : "";
      return new CheckFailure(FailureKind.ERROR, "authentication failed" + code);
    }
    if (error instanceof MongoServerException server) {
      return new CheckFailure(FailureKind.ERROR, "command failed " + code(server));
    }
    if (error instanceof MongoIncompatibleDriverException) {
      return new CheckFailure(FailureKind.ERROR, "server version not supported by the driver (MongoDB 4.2 or newer needed)");
    }
    if (error instanceof MongoTimeoutException) {
      return noServer(servers, replicaSet);
    }
    if (error instanceof MongoSocketReadTimeoutException) {
      return new CheckFailure(FailureKind.TIMEOUT, "timeout waiting for the reply");
    }
    if (error instanceof MongoSocketException) {
      return socket(error);
    }
    return CheckFailure.of(error);
  }

  /** Why server selection found no server: what the monitors saw, else that none answered in time. */
  static CheckFailure noServer(List<ServerDescription> servers, String replicaSet) {
    for (ServerDescription server : servers) {
      if (replicaSet != null && server.isOk()) {
        if (server.getSetName() != null && !replicaSet.equals(server.getSetName())) {
          return new CheckFailure(FailureKind.ERROR, "replica set name mismatch");
        }
        if (server.getType() == ServerType.STANDALONE || server.getType() == ServerType.SHARD_ROUTER) {
          return new CheckFailure(FailureKind.ERROR, "not a replica set member");
        }
      }
    }
    if (replicaSet != null && servers.stream().anyMatch(s -> s.isOk() && replicaSet.equals(s.getSetName()))) {
      // Members of the set answered, none as primary (the driver sends commands to the primary).
      return new CheckFailure(FailureKind.ERROR, "no primary");
    }
    for (ServerDescription server : servers) {
      if (server.getException() != null) {
        return classify(server.getException(), List.of(), replicaSet);
      }
    }
    return new CheckFailure(FailureKind.TIMEOUT, "no server available (server selection timed out)");
  }

  /** A socket error by its cause (refused, reset, TLS) when the project knows it, else by the driver's type. */
  private static CheckFailure socket(Throwable error) {
    CheckFailure byCause = error.getCause() == null ? null : CheckFailure.of(error.getCause());
    if (byCause != null && !byCause.reason().equals("unexpected error") && !byCause.reason().startsWith("protocol error")) {
      return byCause;
    }
    return error instanceof MongoSocketOpenException
      ? new CheckFailure(FailureKind.REFUSED, "cannot connect")
      : new CheckFailure(FailureKind.REFUSED, "connection closed by the server");
  }

  /** {@code (code 13 Unauthorized)}: the number and the code name, checked to be a word. */
  private static String code(MongoServerException error) {
    String name = error.getErrorCodeName();
    boolean word = name != null && name.matches("[A-Za-z0-9_]{1,64}");
    return "(code " + error.getCode() + (word ? " " + name : "") + ")";
  }
}
