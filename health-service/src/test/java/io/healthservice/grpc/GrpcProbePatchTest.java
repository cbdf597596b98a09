package io.healthservice.grpc;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** deploy/k8s/grpc/probes.patch.yaml replaces each httpGet probe by a gRPC one with a name the service knows. */
class GrpcProbePatchTest {

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  @Test
  void everyProbeIsGrpcOnTheHttpPortWithItsOwnServiceName() throws Exception {
    Map<String, Object> patch = new Yaml().load(Files.readString(Path.of("deploy/k8s/grpc/probes.patch.yaml")));
    Map<String, Object> deployment = new Yaml().load(Files.readString(Path.of("deploy/k8s/deployment.yaml")));
    Map<String, Object> container = map(((List<Object>) map(map(map(patch.get("spec")).get("template")).get("spec"))
      .get("containers")).get(0));
    Map<String, Object> original = map(((List<Object>) map(map(map(deployment.get("spec")).get("template")).get("spec"))
      .get("containers")).get(0));
    assertThat(container.get("name")).as("strategic merge by container name").isEqualTo(original.get("name"));
    Object httpPort = map(((List<Object>) original.get("ports")).get(0)).get("containerPort");
    Map<String, String> expected = Map.of("startupProbe", "startup", "livenessProbe", "liveness",
      "readinessProbe", "readiness");
    expected.forEach((probe, service) -> {
      Map<String, Object> spec = map(container.get(probe));
      assertThat(spec).as(probe).containsEntry("httpGet", null);
      assertThat(map(spec.get("grpc"))).as(probe).containsEntry("port", httpPort).containsEntry("service", service);
    });
  }
}
