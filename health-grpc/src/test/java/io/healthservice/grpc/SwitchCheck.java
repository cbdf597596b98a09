package io.healthservice.grpc;

import io.healthservice.CheckContext;
import io.healthservice.DependencyCheck;
import io.vertx.core.Future;

import java.net.ConnectException;

/** A dependency the test turns up or down; every ping answers at once (no I/O). */
final class SwitchCheck implements DependencyCheck {

  private final String name;
  private volatile boolean up = true;

  SwitchCheck(String name) {
    this.name = name;
  }

  void set(boolean up) {
    this.up = up;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String target() {
    return "switch://" + name;
  }

  @Override
  public Future<Void> ping(CheckContext context) {
    return up ? Future.succeededFuture() : Future.failedFuture(new ConnectException("Connection refused"));
  }

  @Override
  public Future<Void> close() {
    return Future.succeededFuture();
  }
}
