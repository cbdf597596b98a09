package io.healthservice.config;

/**
 * An invalid setting. The message always starts with the setting's name (a config key such as
 * {@code checks.database.timeout} or an environment variable such as {@code HTTP_PORT}) and never
 * contains the offending value when that value may hold a secret.
 */
public final class ConfigException extends RuntimeException {

  private final String setting;

  public ConfigException(String setting, String problem) {
    super(setting + ": " + problem, null, false, false);
    this.setting = setting;
  }

  /** The name of the setting that is wrong, as the operator wrote it (key or environment variable). */
  public String setting() {
    return setting;
  }
}
