package io.healthservice.redis.impl;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ClusterNodesTest {

  private static final String NODES = String.join("\n",
    "07c3 127.0.0.1:30004@31004 slave e7d1 0 1426238317239 4 connected",
    "67ed 127.0.0.1:30002@31002,node-b master - 0 1426238316232 2 connected 5461-10922",
    "292f 127.0.0.1:30003@31003 master,fail? - 0 1426238318243 3 connected 10923-16383",
    "e7d1 :30001@31001 myself,master - 0 0 1 connected 0-5460",
    "a1b2 127.0.0.1:30009@31009 master,noaddr - 0 0 9 disconnected",
    "9abc [::1]:30005@31005 master,fail - 0 0 5 disconnected",
    "");

  @Test
  void listsMastersWithTheirAddressAndFailureFlag() {
    List<ClusterNodes.Master> masters = ClusterNodes.masters(NODES, "10.0.0.7:30001");
    assertThat(masters).containsExactly(
      new ClusterNodes.Master("127.0.0.1", 30002, false, true),
      new ClusterNodes.Master("127.0.0.1", 30003, true, true),
      new ClusterNodes.Master("10.0.0.7", 30001, false, true),
      // A master that failed over keeps its line, without slots: not one to ping.
      new ClusterNodes.Master("::1", 30005, true, false));
    assertThat(masters.get(1).address()).isEqualTo("127.0.0.1:30003");
    assertThat(masters.get(3).address()).isEqualTo("[::1]:30005");
  }

  @Test
  void readsTheClusterState() {
    assertThat(ClusterNodes.state("cluster_enabled:1\r\ncluster_state:fail\r\ncluster_slots_assigned:16384\r\n"))
      .isEqualTo("fail");
    assertThat(ClusterNodes.state("cluster_state:ok\r\n")).isEqualTo("ok");
    assertThat(ClusterNodes.state("garbage")).isEqualTo("unknown");
    assertThat(ClusterNodes.state("cluster_state:<script>\r\n")).isEqualTo("unknown");
  }

  @Test
  void anAnsweringNodeWithoutAnnouncedIpTakesTheAddressItWasReachedAt() {
    assertThat(ClusterNodes.masters("e7d1 :7000@17000 myself,master - 0 0 1 connected 0-16383", "[::1]:7000"))
      .containsExactly(new ClusterNodes.Master("::1", 7000, false, true));
  }

  @Test
  void garbageListsNoMaster() {
    assertThat(ClusterNodes.masters("not a cluster\nreply at all", "127.0.0.1:1")).isEmpty();
  }
}
