package io.healthservice.support;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

public final class Ports {

  /** Below the kernel's ephemeral range (Linux default 32768-60999), where outgoing connections take their ports. */
  private static final int BOTTOM = 20_000;
  private static final int TOP = ephemeralStart();
  /**
   * Test JVMs that run side by side (surefire's forks) each take their own slice of the range: the set below
   * keeps one JVM from handing a port out twice, but cannot see what another JVM has handed out and not yet bound.
   */
  private static final int SLOTS = Integer.getInteger("test.ports.slots", 1);
  private static final int SLOT = Integer.getInteger("test.ports.slot", 1);
  private static final int LOW = BOTTOM + (TOP - BOTTOM) * (SLOT - 1) / SLOTS;
  private static final int HIGH = BOTTOM + (TOP - BOTTOM) * SLOT / SLOTS;
  /** Ports returned in this JVM: never twice, so two ports taken before either is bound cannot collide. */
  private static final Set<Integer> handedOut = ConcurrentHashMap.newKeySet();

  private Ports() {
  }

  /**
   * A port nothing listens on right now and not returned before in this JVM, outside the ephemeral range: a proxy that stops listening (to refuse)
   * and listens again must find its port free, and an outgoing connection could otherwise take it meanwhile.
   */
  public static int free() throws IOException {
    for (int attempt = 0; attempt < 200 && HIGH - LOW > 500; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(LOW, HIGH);
      if (!handedOut.add(port)) {
        continue; // handed to another caller that may not have bound it yet (a TLS port a server opens later)
      }
      InetAddress loopback = InetAddress.getByName("127.0.0.1");
      // Free for UDP too: a DNS server binds both, and a "silent" UDP port must have no listener.
      try (ServerSocket socket = new ServerSocket(port, 1, loopback);
           DatagramSocket datagrams = new DatagramSocket(port, loopback)) {
        return socket.getLocalPort();
      } catch (IOException taken) {
        // try another
      }
    }
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static int ephemeralStart() {
    try {
      String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim();
      return Math.min(32_768, Integer.parseInt(range.split("\\s+")[0]));
    } catch (IOException | RuntimeException e) {
      return 32_768;
    }
  }
}
