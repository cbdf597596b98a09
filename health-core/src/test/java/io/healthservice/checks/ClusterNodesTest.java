package io.healthservice.checks;

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
    "");

  @Test
  void listsMastersWithTheirAddressAndFailureFlag() {
    List<ClusterNodes.Master> masters = ClusterNodes.masters(NODES, "10.0.0.7:30001");
    assertThat(masters).containsExactly(
      new ClusterNodes.Master("127.0.0.1", 30002, false),
      new ClusterNodes.Master("127.0.0.1", 30003, true),
      new ClusterNodes.Master("10.0.0.7", 30001, false));
    assertThat(masters.get(1).address()).isEqualTo("127.0.0.1:30003");
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
  void garbageListsNoMaster() {
    assertThat(ClusterNodes.masters("not a cluster\nreply at all", "127.0.0.1:1")).isEmpty();
  }
}
