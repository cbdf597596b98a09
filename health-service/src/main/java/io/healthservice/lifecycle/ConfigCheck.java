package io.healthservice.lifecycle;

import io.healthservice.CheckSettings;
import io.healthservice.config.ConfigException;
import io.healthservice.config.ConfigReader;
import io.healthservice.config.ServiceConfig;
import io.healthservice.spi.CheckDefinition;
import io.vertx.core.Vertx;

import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code health-service --check-config}: validates the file and the environment exactly as a start would, prints
 * the resulting checks (secrets masked) and exits 0 or 2, without listening or connecting: for CI pipelines and
 * pre-deploy hooks.
 */
final class ConfigCheck {

  private ConfigCheck() {
  }

  /** The exit code: 0 valid, 2 invalid (one line naming the setting on {@code err}). */
  static int run(Map<String, String> env, PrintStream out, PrintStream err) {
    Vertx vertx = Vertx.vertx();
    try {
      ServiceConfig config = ConfigReader.read(vertx, env).await(60, TimeUnit.SECONDS);
      out.println("health-service: configuration is valid: service " + config.serviceName() + ", http "
        + config.http().host() + ":" + config.http().port() + ", " + config.checks().size() + " checks");
      for (CheckDefinition check : config.checks()) {
        out.println(line(check));
      }
      return 0;
    } catch (ConfigException invalid) {
      err.println("health-service: invalid configuration: " + invalid.getMessage());
      return 2;
    } catch (Exception e) {
      err.println("health-service: cannot read configuration: " + e.getClass().getSimpleName());
      return 2;
    } finally {
      vertx.close();
    }
  }

  /** One line per check; the definition prints itself without secrets. */
  private static String line(CheckDefinition check) {
    CheckSettings s = check.settings();
    return "check " + check.name() + " type=" + check.type() + " critical=" + s.critical() + " interval="
      + s.interval().toMillis() + "ms timeout=" + s.timeout().toMillis() + "ms max_age=" + s.maxAge().toMillis()
      + "ms " + check;
  }
}
