package io.healthservice.config;

import io.healthservice.maintenance.MaintenanceWindow;
import io.healthservice.spi.CheckDefinition;

import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * The whole, validated configuration: one immutable tree, each check's options beside that check.
 * Built only by {@link ConfigLoader}, so every instance is valid.
 *
 * @param serviceName the name in responses and metrics ({@code service.name})
 * @param http        where to listen and what to tolerate from callers
 * @param checks      every enabled entry of {@code checks:}, in the file's order after the seed names
 * @param drain       how long to keep serving after SIGTERM ({@code shutdown.drain})
 * @param notifications where and how to send messages on state changes ({@code notifications})
 * @param grpc        the gRPC health protocol's own port and limits
 * @param history     where the status history is kept ({@code history}: memory, or a shared Postgres store)
 * @param maintenance the maintenance windows declared in {@code maintenance.windows}
 */
public record ServiceConfig(String serviceName, HttpOptions http, List<CheckDefinition> checks, DetailsOptions details,
                            Duration drain, NotificationOptions notifications, GrpcOptions grpc,
                            ScaleOptions scale, HistoryOptions history, List<MaintenanceWindow> maintenance) {

  public ServiceConfig {
    Objects.requireNonNull(serviceName);
    Objects.requireNonNull(http);
    checks = List.copyOf(checks);
    Objects.requireNonNull(details);
    Objects.requireNonNull(drain);
    Objects.requireNonNull(notifications);
    Objects.requireNonNull(grpc);
    Objects.requireNonNull(scale);
    Objects.requireNonNull(history);
    maintenance = List.copyOf(maintenance);
  }

  /** The check called {@code name}, of the kind {@code type}; throws when there is none. */
  public <T extends CheckDefinition> T check(String name, Class<T> type) {
    return checks.stream().filter(c -> c.name().equals(name)).findFirst().filter(type::isInstance).map(type::cast)
      .orElseThrow(() -> new NoSuchElementException("no " + type.getSimpleName() + " check called " + name));
  }

  @Override
  public String toString() {
    // A one-line summary for the log; never URLs with passwords or the details token.
    return "ServiceConfig[service=" + serviceName + ", http=" + http.host() + ":" + http.port() + ", checks="
      + checks + ", details=" + details.visibility()
      + ", drain=" + drain + ", notifications=" + notifications + ", grpc=" + grpc + ", " + scale + ", "
      + history + ", maintenance_windows=" + maintenance.stream().map(MaintenanceWindow::name).toList() + "]";
  }
}
