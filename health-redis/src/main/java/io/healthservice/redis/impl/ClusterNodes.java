package io.healthservice.redis.impl;

import java.util.ArrayList;
import java.util.List;

/** Reads the replies of {@code CLUSTER INFO} and {@code CLUSTER NODES}. */
final class ClusterNodes {

  private ClusterNodes() {
  }

  /**
   * A master as {@code CLUSTER NODES} lists it; {@code failing} when flagged {@code fail} or {@code fail?};
   * {@code servesSlots} when it owns hash slots (a failed-over master keeps its line, without slots).
   */
  record Master(String host, int port, boolean failing, boolean servesSlots) {
    String address() {
      return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
  }

  /** The {@code cluster_state} field: {@code ok}, {@code fail}, or {@code unknown} when missing. */
  static String state(String clusterInfo) {
    for (String line : clusterInfo.split("\r?\n")) {
      if (line.startsWith("cluster_state:")) {
        String state = line.substring("cluster_state:".length()).trim();
        return state.matches("[a-z]{1,16}") ? state : "unknown";
      }
    }
    return "unknown";
  }

  /**
   * The masters listed, in order. A line is {@code <id> <ip:port@cport[,hostname]> <flags> ...}; a node
   * that announces no IP (a fresh single node) is the one answering, at {@code answeringAddress}.
   */
  static List<Master> masters(String clusterNodes, String answeringAddress) {
    List<Master> masters = new ArrayList<>();
    for (String line : clusterNodes.split("\r?\n")) {
      String[] fields = line.trim().split(" ");
      if (fields.length < 3) {
        continue;
      }
      List<String> flags = List.of(fields[2].split(","));
      if (!flags.contains("master") || flags.contains("noaddr") || flags.contains("handshake")) {
        continue;
      }
      String endpoint = fields[1].split("[@,]")[0];
      int colon = endpoint.lastIndexOf(':');
      if (colon < 0) {
        continue;
      }
      String host = endpoint.substring(0, colon).replace("[", "").replace("]", "");
      int port;
      try {
        port = Integer.parseInt(endpoint.substring(colon + 1));
      } catch (NumberFormatException e) {
        continue;
      }
      if (host.isEmpty()) {
        host = answeringAddress.substring(0, answeringAddress.lastIndexOf(':')).replace("[", "").replace("]", "");
      }
      // Fields 9 on are slot ranges ("0-5460", "5461", or "[...]" for importing/migrating ones).
      boolean servesSlots = fields.length > 8 && !fields[8].startsWith("[");
      masters.add(new Master(host, port, flags.contains("fail") || flags.contains("fail?"), servesSlots));
    }
    return masters;
  }
}
