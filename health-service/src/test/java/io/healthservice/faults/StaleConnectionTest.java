package io.healthservice.faults;

import io.healthservice.support.Exec;
import io.healthservice.support.PrivatePostgres;
import io.healthservice.support.RealServers;
import io.healthservice.support.RedisProcess;
import io.healthservice.support.RunningService.Probe;
import io.healthservice.support.ServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server that stops accepting new connections while the check's open one keeps working: reported
 * within the connection age. Roles and users are the test's own; the shared servers are not reconfigured.
 */
class StaleConnectionTest extends ServiceTest {

  /** Age 1 s, runs every 200 ms: a refusal shows within about 1.5 s; the deadline leaves room for a busy machine. */
  private static final Duration WITHIN = Duration.ofSeconds(6);

  @BeforeEach
  void configure() {
    fixture.config.put("details", "always");
    fixture.check("llm_services").remove("endpoints");
  }

  private static String psql(String sql) {
    return Exec.ok(Duration.ofSeconds(10), List.of("psql", RealServers.DATABASE_URL, "-v", "ON_ERROR_STOP=1", "-qAtc", sql));
  }

  @Test
  void postgresRoleConnectionLimitShowsWithinTheAge() throws Exception {
    String role = "hs_age_" + UUID.randomUUID().toString().substring(0, 8);
    psql("CREATE ROLE " + role + " LOGIN");
    try {
      fixture.check("database").put("url", RealServers.via(RealServers.DATABASE_URL, fixture.postgres.port())
        .replaceFirst("://[^@/]*@", "://" + role + "@")).put("max_connection_age", "1s");
      service = fixture.start();
      service.awaitDependency("database", "ok", WITHIN);
      psql("ALTER ROLE " + role + " CONNECTION LIMIT 0");
      Probe down = service.awaitDependency("database", "error", WITHIN);
      assertThat(down.status()).isEqualTo(503);
      assertThat(service.reason("database")).isEqualTo("too many connections for the role (SQLSTATE 53300)");
      psql("ALTER ROLE " + role + " CONNECTION LIMIT -1");
      service.awaitDependency("database", "ok", WITHIN);
    } finally {
      if (service != null) {
        service.close();
        service = null;
      }
      psql("DROP ROLE IF EXISTS " + role);
    }
  }

  @Test
  void rotatedPostgresPasswordShowsWithinTheAge() throws Exception {
    try (PrivatePostgres postgres = PrivatePostgres.start()) {
      postgres.sql("CREATE ROLE app LOGIN PASSWORD 'first-password-1'");
      fixture.check("database").put("url", postgres.url("app", "first-password-1", "postgres"))
        .put("max_connection_age", "1s");
      service = fixture.start();
      service.awaitDependency("database", "ok", WITHIN);
      postgres.sql("ALTER ROLE app PASSWORD 'second-password-2'");
      service.awaitDependency("database", "error", WITHIN);
      assertThat(service.reason("database")).isEqualTo("authentication failed (SQLSTATE 28P01)");
      assertThat(service.get("/health?verbose").body()).doesNotContain("first-password-1");
      service.close();
      service = null;
    }
  }

  @Test
  void rotatedRedisAclPasswordShowsWithinTheAge() throws Exception {
    String user = "hs-age-" + UUID.randomUUID().toString().substring(0, 8);
    redisCli("ACL", "SETUSER", user, "on", ">first-password-1", "-@all", "+ping", "+hello", "+auth", "+client");
    try {
      fixture.check("redis").put("url", "redis://" + user + ":first-password-1@127.0.0.1:" + fixture.redis.port())
        .put("max_connection_age", "1s");
      service = fixture.start();
      service.awaitDependency("redis", "ok", WITHIN);
      redisCli("ACL", "SETUSER", user, "resetpass", ">second-password-2");
      service.awaitDependency("redis", "error", WITHIN);
      assertThat(service.reason("redis")).isEqualTo("authentication failed (WRONGPASS)");
    } finally {
      if (service != null) {
        service.close();
        service = null;
      }
      redisCli("ACL", "DELUSER", user);
    }
  }

  @Test
  void redisMaxClientsShowsWithinTheAge() throws Exception {
    try (RedisProcess redis = RedisProcess.start()) {
      fixture.check("redis").put("url", redis.url()).put("max_connection_age", "1s");
      service = fixture.start();
      service.awaitDependency("redis", "ok", WITHIN);
      // The server's own admin connection, opened before the limit: maxclients 1 lets the connections
      // already open live on and refuses every new one, as a full server does.
      try (Socket admin = new Socket("127.0.0.1", redis.port())) {
        admin.setSoTimeout(5000);
        command(admin, "CONFIG SET maxclients 1");
        service.awaitDependency("redis", "error", WITHIN);
        assertThat(service.reason("redis")).isEqualTo("rejected by server: max number of clients reached (ERR)");
        command(admin, "CONFIG SET maxclients 10000");
      }
      service.awaitDependency("redis", "ok", WITHIN);
      service.close();
      service = null;
    }
  }

  /** Sends an inline command and reads the one-line reply. */
  private static void command(Socket socket, String inline) throws Exception {
    OutputStream out = socket.getOutputStream();
    out.write((inline + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
    String reply = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
    assertThat(reply).isEqualTo("+OK");
  }

  private static void redisCli(String... args) {
    List<String> command = new ArrayList<>(List.of("redis-cli", "-h", RealServers.host(RealServers.REDIS_URL),
      "-p", Integer.toString(RealServers.port(RealServers.REDIS_URL))));
    command.addAll(List.of(args));
    Exec.ok(Duration.ofSeconds(10), command);
  }
}
