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

  /** The kernel's ephemeral range (Linux default 32768-60999), where outgoing connections take their ports. */
  private static final int[] EPHEMERAL = ephemeralRange();
  /** Ours: below the ephemeral range when there is room (by default 20000-32767), else above it. */
  private static final boolean BELOW = EPHEMERAL[0] - 20_000 >= 4_000;
  private static final int BOTTOM = BELOW ? 20_000 : EPHEMERAL[1] + 1;
  private static final int TOP = BELOW ? EPHEMERAL[0] : 65_536;
  /**
   * Test JVMs that run side by side (surefire's forks) each take their own slice of the range: the set below
   * keeps one JVM from handing a port out twice, but cannot see what another JVM has handed out and not yet bound.
   */
  private static final int SLOTS = Math.max(1, Integer.getInteger("test.ports.slots", 1));
  private static final int SLOT = Math.floorMod(Integer.getInteger("test.ports.slot", 1) - 1, SLOTS) + 1;
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
    for (int attempt = 0; attempt < 200 && HIGH - LOW > 200; attempt++) {
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
    // No room outside the ephemeral range on this machine, or 200 tries all taken: the kernel's choice, never twice.
    for (int attempt = 0; attempt < 100; attempt++) {
      try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
        if (handedOut.add(socket.getLocalPort())) {
          return socket.getLocalPort();
        }
      }
    }
    throw new IOException("no free port found");
  }

  private static int[] ephemeralRange() {
    try {
      String[] range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim().split("\\s+");
      return new int[] {Integer.parseInt(range[0]), Integer.parseInt(range[1])};
    } catch (IOException | RuntimeException e) {
      return new int[] {32_768, 60_999};
    }
  }
}
