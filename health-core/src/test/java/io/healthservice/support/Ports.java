package io.healthservice.support;

import java.io.IOException;
import java.net.ServerSocket;

public final class Ports {

  private Ports() {
  }

  /** A port nothing listens on right now. */
  public static int free() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }
}
