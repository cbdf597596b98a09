package io.healthservice.support;

import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.PfxOptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A certificate for "localhost" and 127.0.0.1 with the validity a test asks for, made with the JDK's
 * keytool (no extra library). {@code startDaysAgo} and {@code validDays} place it in time: a
 * certificate that ends in 10 days, or one that ended last week.
 */
public final class ShortLivedCertificate implements AutoCloseable {

  private static final String PASSWORD = "test-only";

  private final Path dir;
  private final Path keyStore;
  private final Path certificate;

  private ShortLivedCertificate(Path dir) {
    this.dir = dir;
    this.keyStore = dir.resolve("server.p12");
    this.certificate = dir.resolve("server.pem");
  }

  /**
   * A server certificate valid from {@code startDaysAgo} days ago for {@code validDays} days, issued by a
   * long-lived test CA. (A self-signed leaf would not do: the JDK does not check the dates of a
   * certificate it trusts directly, so an expired one would still pass.)
   */
  public static ShortLivedCertificate create(int startDaysAgo, int validDays) throws Exception {
    ShortLivedCertificate made = new ShortLivedCertificate(Files.createTempDirectory("short-cert"));
    String ca = made.dir.resolve("ca.p12").toString();
    String csr = made.dir.resolve("server.csr").toString();
    String signed = made.dir.resolve("server.crt").toString();
    String store = made.keyStore.toString();
    keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=Health Test CA",
      "-ext", "bc:c", "-startdate", "-" + (startDaysAgo + 1) + "d", "-validity", "3650",
      "-storetype", "PKCS12", "-keystore", ca, "-storepass", PASSWORD);
    keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", ca, "-storepass", PASSWORD,
      "-file", made.certificate.toString());
    keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
      "-storetype", "PKCS12", "-keystore", store, "-storepass", PASSWORD);
    keytool("-certreq", "-alias", "server", "-keystore", store, "-storepass", PASSWORD, "-file", csr);
    keytool("-gencert", "-rfc", "-alias", "ca", "-keystore", ca, "-storepass", PASSWORD, "-infile", csr,
      "-outfile", signed, "-ext", "SAN=dns:localhost,ip:127.0.0.1",
      "-startdate", "-" + startDaysAgo + "d", "-validity", Integer.toString(validDays));
    keytool("-importcert", "-noprompt", "-alias", "ca", "-file", made.certificate.toString(),
      "-keystore", store, "-storepass", PASSWORD);
    keytool("-importcert", "-alias", "server", "-file", signed, "-keystore", store, "-storepass", PASSWORD);
    return made;
  }

  private static void keytool(String... args) throws Exception {
    java.util.List<String> command = new java.util.ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(java.util.List.of(args));
    Processes.Result result = Processes.run(new ProcessBuilder(command), 60);
    if (result.exitCode() != 0) {
      throw new IllegalStateException("keytool " + args[0] + " failed: " + result.output());
    }
  }

  /** The server's key and certificate. */
  public KeyCertOptions keyCertOptions() {
    return new PfxOptions().setPath(keyStore.toString()).setPassword(PASSWORD);
  }

  /** PEM of the server's own certificate (for a server configured with files, such as redis-server). */
  public String certificateFile() {
    return dir.resolve("server.crt").toString();
  }

  /** The server's private key as unencrypted PEM, exported with Debian's {@code openssl} on first use. */
  public synchronized String keyFile() throws Exception {
    Path key = dir.resolve("server.key");
    if (!Files.exists(key)) {
      Exec.requireBinary("/usr/bin/openssl", "openssl");
      Processes.Result result = Processes.run(new ProcessBuilder("/usr/bin/openssl", "pkcs12", "-in", keyStore.toString(),
        "-nocerts", "-nodes", "-passin", "pass:" + PASSWORD, "-out", key.toString()), 60);
      if (result.exitCode() != 0) {
        throw new IllegalStateException("openssl pkcs12 failed: " + result.output());
      }
    }
    return key.toString();
  }

  /** PEM of the issuing CA, to trust. */
  public String caFile() {
    return certificate.toString();
  }

  @Override
  public void close() throws Exception {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    }
  }
}
