package io.healthservice.faults;

import io.healthservice.support.ServiceTest;
import io.healthservice.support.Fixture;
import io.healthservice.support.Processes;
import io.healthservice.support.RealServers;
import io.healthservice.support.RunningService.Probe;
import io.healthservice.support.TlsProxy;
import io.vertx.core.json.JsonArray;
import io.vertx.core.net.SelfSignedCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * TLS and credentials as deployments use them: Postgres sslmode, rediss://, Redis ACL users, passwords
 * read from files. TLS is terminated by a proxy the test starts, with a certificate the test makes.
 */
class TlsAndCredentialsTest extends ServiceTest {

  private TlsProxy tls;

  @AfterEach
  void closeTlsProxy() throws Exception {
    if (tls != null) {
      tls.close();
    }
  }

  @BeforeEach
  void configure() throws Exception {
    fixture.config.put("details", "always");
    fixture.check("llm_services").remove("endpoints");
    // The JVM's first TLS handshake loads and initialises JSSE: on a busy 2-core machine that alone can
    // outlast the fixture's 500 ms budget and turn "TLS handshake failed" into a timeout.
    fixture.check("database").put("timeout", "3s");
    fixture.check("redis").put("timeout", "3s");
  }


  private Probe awaitDatabase(String value) throws Exception {
    return service.await("/health", p -> value.equals(p.dependency("database")), Duration.ofSeconds(5), 1000);
  }

  private TlsProxy postgresTls() throws Exception {
    return TlsProxy.start(vertx, TlsProxy.Flavour.POSTGRES,
      RealServers.host(RealServers.DATABASE_URL), RealServers.port(RealServers.DATABASE_URL));
  }

  private static String pgUrl(int port, String query) {
    URI real = URI.create(RealServers.DATABASE_URL);
    return "postgresql://" + real.getRawUserInfo() + "@localhost:" + port + real.getRawPath() + "?" + query;
  }

  @Test
  void postgresVerifyFullWithTheRightCa() throws Exception {
    tls = postgresTls();
    fixture.check("database").put("url", pgUrl(tls.port(), "sslmode=verify-full&sslrootcert=" + tls.caFile()));
    service = fixture.start();
    assertThat(awaitDatabase("ok").status()).isEqualTo(200);
    assertThat(tls.tlsSessions()).isPositive();
  }

  @Test
  void postgresVerifyFullWithAnotherCaFails() throws Exception {
    tls = postgresTls();
    SelfSignedCertificate other = SelfSignedCertificate.create("localhost");
    try {
      fixture.check("database").put("url", pgUrl(tls.port(), "sslmode=verify-full&sslrootcert=" + other.certificatePath()));
      service = fixture.start();
      assertThat(awaitDatabase("error").status()).isEqualTo(503);
      assertThat(service.reason("database")).isEqualTo("TLS handshake failed");
    } finally {
      other.delete();
    }
  }

  @Test
  void postgresRequireEncryptsWithoutVerifying() throws Exception {
    tls = postgresTls();
    fixture.check("database").put("url", pgUrl(tls.port(), "sslmode=require"));
    service = fixture.start();
    assertThat(awaitDatabase("ok").status()).isEqualTo(200);
    assertThat(tls.tlsSessions()).isPositive();
  }

  @Test
  void postgresTlsRequiredButTheServerOffersPlain() throws Exception {
    // The shared server has ssl=off: it answers 'N' to the SSLRequest.
    fixture.check("database").put("url", RealServers.DATABASE_URL + "?sslmode=require");
    service = fixture.start();
    assertThat(awaitDatabase("error").status()).isEqualTo(503);
    assertThat(service.reason("database")).isEqualTo("TLS not offered by the server");
  }

  @Test
  void postgresPlainClientAgainstATlsOnlyServer() throws Exception {
    tls = postgresTls();
    fixture.check("database").put("url", pgUrl(tls.port(), "sslmode=disable"));
    service = fixture.start();
    assertThat(awaitDatabase("error").status()).isEqualTo(503);
    assertThat(service.reason("database")).isEqualTo("connection closed by peer");
  }

  @Test
  void redissWithTheRightCa() throws Exception {
    tls = TlsProxy.start(vertx, TlsProxy.Flavour.TLS_FROM_FIRST_BYTE,
      RealServers.host(RealServers.REDIS_URL), RealServers.port(RealServers.REDIS_URL));
    fixture.check("redis").put("url", "rediss://localhost:" + tls.port()).put("tls_ca_file", tls.caFile());
    service = fixture.start();
    assertThat(service.await("/health", p -> "ok".equals(p.dependency("redis"))).status()).isEqualTo(200);
    assertThat(tls.tlsSessions()).isPositive();
  }

  @Test
  void redissWithoutTrustingTheCaFails() throws Exception {
    tls = TlsProxy.start(vertx, TlsProxy.Flavour.TLS_FROM_FIRST_BYTE,
      RealServers.host(RealServers.REDIS_URL), RealServers.port(RealServers.REDIS_URL));
    fixture.check("redis").put("url", "rediss://localhost:" + tls.port());
    service = fixture.start();
    assertThat(service.await("/health", p -> "error".equals(p.dependency("redis"))).status()).isEqualTo(503);
    assertThat(service.reason("redis")).isEqualTo("TLS handshake failed");
  }

  @Test
  void redissAgainstAPlainServerFails() throws Exception {
    fixture.check("redis").put("url", "rediss://localhost:" + RealServers.port(RealServers.REDIS_URL));
    service = fixture.start();
    assertThat(service.await("/health", p -> "error".equals(p.dependency("redis")), Duration.ofSeconds(5), 1000).status())
      .isEqualTo(503);
    assertThat(service.reason("redis")).isIn("TLS handshake failed", "timeout after 3000 ms");
  }

  @Test
  void redisAclUserWithPasswordFromAFile(@TempDir Path dir) throws Exception {
    String user = "health-test-" + UUID.randomUUID().toString().substring(0, 8);
    String password = "acl-" + UUID.randomUUID();
    Processes.Result create = Processes.run(new ProcessBuilder("redis-cli", "-h", RealServers.host(RealServers.REDIS_URL),
      "-p", Integer.toString(RealServers.port(RealServers.REDIS_URL)),
      "ACL", "SETUSER", user, "on", ">" + password, "-@all", "+ping", "+hello", "+auth", "+client"), 10);
    assertThat(create.output().trim()).isEqualTo("OK");
    try {
      Path secret = dir.resolve("redis-password");
      Files.writeString(secret, password + "\n");
      fixture.check("redis").put("url", "redis://" + user + "@127.0.0.1:" + fixture.redis.port()).put("password_file", secret.toString());
      service = fixture.start();
      assertThat(service.await("/health", p -> "ok".equals(p.dependency("redis"))).status()).isEqualTo(200);
      service.close();

      fixture.check("redis").put("url", "redis://" + user + ":wrong-password@127.0.0.1:" + fixture.redis.port()).remove("password_file");
      service = fixture.start();
      assertThat(service.await("/health", p -> "error".equals(p.dependency("redis"))).status()).isEqualTo(503);
      assertThat(service.reason("redis")).isEqualTo("authentication failed (WRONGPASS)");
    } finally {
      Processes.run(new ProcessBuilder("redis-cli", "-h", RealServers.host(RealServers.REDIS_URL),
        "-p", Integer.toString(RealServers.port(RealServers.REDIS_URL)), "ACL", "DELUSER", user), 10);
    }
  }

  @Test
  void databaseUrlFromAFile(@TempDir Path dir) throws Exception {
    Path secret = dir.resolve("database-url");
    Files.writeString(secret, RealServers.via(RealServers.DATABASE_URL, fixture.postgres.port()) + "\n");
    fixture.check("database").remove("url");
    fixture.env.put("DATABASE_URL_FILE", secret.toString());
    service = fixture.start();
    assertThat(service.await("/health", p -> "ok".equals(p.dependency("database"))).status()).isEqualTo(200);
    assertThat(fixture.postgres.openConnections()).isPositive(); // it did use the URL from the file
  }

  @Test
  void passwordFromAFileIsSentNotLogged(@TempDir Path dir) throws Exception {
    Path secret = dir.resolve("redis-password");
    Files.writeString(secret, "file-secret-5150\n");
    fixture.env.put("REDIS_PASSWORD_FILE", secret.toString());
    fixture.check("redis").put("url", "redis://health-nobody@127.0.0.1:" + fixture.redis.port());
    service = fixture.start();
    // No such ACL user on the server: the password was sent and refused.
    assertThat(service.await("/health", p -> "error".equals(p.dependency("redis"))).status()).isEqualTo(503);
    assertThat(service.reason("redis")).isEqualTo("authentication failed (WRONGPASS)");
    assertThat(service.get("/health?verbose").body()).doesNotContain("file-secret-5150");
  }

  private String llmReason() throws Exception {
    return service.get("/health?verbose").json().getJsonObject("details").getJsonObject("llm_services")
      .getJsonObject("endpoints").getJsonObject("openai").getString("reason");
  }

  @Test
  void llmHttpsAgainstAPlainServer() throws Exception {
    fixture.check("llm_services").put("endpoints", new JsonArray().add(fixture.openAi(Fixture.OPENAI_KEY)
      .put("base_url", "https://127.0.0.1:" + fixture.llm.port())));
    service = fixture.start();
    assertThat(service.await("/health", p -> "degraded".equals(p.dependency("llm_services"))).status()).isEqualTo(200);
    assertThat(llmReason()).isIn("TLS handshake failed", "connection closed by peer");
  }

  @Test
  void llmPlainHttpAgainstATlsServer() throws Exception {
    tls = TlsProxy.start(vertx, TlsProxy.Flavour.TLS_FROM_FIRST_BYTE, "127.0.0.1", fixture.llm.port());
    fixture.check("llm_services").put("endpoints", new JsonArray().add(fixture.openAi(Fixture.OPENAI_KEY)
      .put("base_url", "http://127.0.0.1:" + tls.port())));
    service = fixture.start();
    assertThat(service.await("/health", p -> "degraded".equals(p.dependency("llm_services")), Duration.ofSeconds(5), 1000)
      .status()).isEqualTo(200);
    assertThat(llmReason()).isIn("connection closed by peer", "protocol error: unexpected reply", "timeout after 500 ms");
  }
}
