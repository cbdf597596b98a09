import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A server that accepts connections and never answers: a hung Postgres or Redis.
 * Run: java bench/Hang.java PORT
 */
public class Hang {
  public static void main(String[] args) throws Exception {
    List<Socket> held = new ArrayList<>();
    try (ServerSocket server = new ServerSocket(Integer.parseInt(args[0]), 512, java.net.InetAddress.getLoopbackAddress())) {
      while (true) {
        held.add(server.accept());
      }
    }
  }
}
