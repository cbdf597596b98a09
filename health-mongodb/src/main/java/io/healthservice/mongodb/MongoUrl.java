package io.healthservice.mongodb;

import com.mongodb.AuthenticationMechanism;
import com.mongodb.ConnectionString;
import com.mongodb.MongoCredential;

import java.util.Locale;
import java.util.Optional;

/**
 * A {@code mongodb://} URL as the driver reads it. {@code mongodb+srv://} is refused: its seed list comes from a
 * DNS SRV lookup the driver does through the JVM's resolver, outside the run's budget and untestable here.
 * Errors never quote the URL (it may hold a password).
 */
final class MongoUrl {

  static final String EXAMPLE = "mongodb://user@host:27017/db?replicaSet=rs0";

  private MongoUrl() {
  }

  /**
   * The driver's reading of {@code url}.
   *
   * @param passwordElsewhere a password comes from {@code password_file} (or a variable): the URL must name a user
   */
  static ConnectionString parse(String url, boolean passwordElsewhere) {
    String lower = url.trim().toLowerCase(Locale.ROOT);
    if (lower.startsWith("mongodb+srv://")) {
      throw new IllegalArgumentException("mongodb+srv:// is not supported: list the hosts (e.g. " + EXAMPLE + ")");
    }
    if (!lower.startsWith("mongodb://")) {
      throw new IllegalArgumentException("must start with mongodb:// (e.g. " + EXAMPLE + ")");
    }
    ConnectionString parsed;
    try {
      parsed = new ConnectionString(passwordElsewhere ? withPlaceholder(url.trim()) : url.trim());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("is not a connection string the MongoDB driver accepts (e.g. " + EXAMPLE + ")");
    }
    if (passwordElsewhere && parsed.getCredential() == null) {
      throw new IllegalArgumentException("needs a user (mongodb://user@host/db) for the password given apart");
    }
    return parsed;
  }

  /**
   * The driver refuses a user without a password for its password mechanisms: when the password comes apart, a
   * placeholder stands in the URL the driver reads, and {@link #credential} puts the real one in.
   */
  private static String withPlaceholder(String url) {
    int start = "mongodb://".length();
    int end = url.length();
    for (char stop : new char[] {'/', '?'}) {
      int at = url.indexOf(stop, start);
      end = at >= 0 ? Math.min(end, at) : end;
    }
    int at = url.lastIndexOf('@', end);
    if (at <= start || url.substring(start, at).contains(":")) {
      return url;
    }
    return url.substring(0, at) + ":password-given-apart" + url.substring(at);
  }

  /** The URL's credential, with {@code password} instead of the URL's when one is given apart. */
  static Optional<MongoCredential> credential(ConnectionString url, Optional<String> password) {
    MongoCredential own = url.getCredential();
    if (own == null || password.isEmpty()) {
      return Optional.ofNullable(own);
    }
    char[] secret = password.get().toCharArray();
    AuthenticationMechanism mechanism = own.getAuthenticationMechanism();
    if (mechanism == null) {
      return Optional.of(MongoCredential.createCredential(own.getUserName(), own.getSource(), secret));
    }
    return Optional.of(switch (mechanism) {
      case SCRAM_SHA_1 -> MongoCredential.createScramSha1Credential(own.getUserName(), own.getSource(), secret);
      case SCRAM_SHA_256 -> MongoCredential.createScramSha256Credential(own.getUserName(), own.getSource(), secret);
      case PLAIN -> MongoCredential.createPlainCredential(own.getUserName(), own.getSource(), secret);
      default -> own; // X.509, Kerberos, AWS, OIDC: no password to replace
    });
  }

  /** The database {@code hello} is sent to: the URL's, else {@code admin}. */
  static String database(ConnectionString url) {
    String db = url.getDatabase();
    return db == null || db.isEmpty() ? "admin" : db;
  }
}
