package io.healthservice.lifecycle;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version the Maven build wrote into {@code build-info.properties}. */
public record BuildInfo(String version) {

  public static BuildInfo load() {
    try (InputStream in = BuildInfo.class.getResourceAsStream("/build-info.properties")) {
      if (in == null) {
        return new BuildInfo("unknown");
      }
      Properties properties = new Properties();
      properties.load(in);
      return new BuildInfo(properties.getProperty("version", "unknown"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
