package io.healthservice.config;


import java.time.Duration;
import java.util.Objects;

/**
 * The whole, validated configuration: one immutable tree, each check's options beside that check.
 * Built only by {@link ConfigLoader}, so every instance is valid.
 *
 * @param serviceName the name in responses and metrics ({@code service.name})
 * @param http        where to listen and what to tolerate from callers
 * @param drain       how long to keep serving after SIGTERM ({@code shutdown.drain})
 * @param notifications where and how to send messages on state changes ({@code notifications})
 * @param grpc        the gRPC health protocol's own port and limits
 */
public record ServiceConfig(String serviceName, HttpOptions http, DatabaseOptions database, RedisOptions redis,
                            LlmOptions llm, DetailsOptions details, Duration drain, NotificationOptions notifications,
                            GrpcOptions grpc) {

  public ServiceConfig {
    Objects.requireNonNull(serviceName);
    Objects.requireNonNull(http);
    Objects.requireNonNull(database);
    Objects.requireNonNull(redis);
    Objects.requireNonNull(llm);
    Objects.requireNonNull(details);
    Objects.requireNonNull(drain);
    Objects.requireNonNull(notifications);
    Objects.requireNonNull(grpc);
  }

  @Override
  public String toString() {
    // A one-line summary for the log; never URLs with passwords or the details token.
    return "ServiceConfig[service=" + serviceName + ", http=" + http.host() + ":" + http.port()
      + ", database=" + database.target().maskedUrl() + ", redis=" + redis.topology()
      + ", llm=" + llm.endpoints() + ", details=" + details.visibility() + ", drain=" + drain + ", notifications=" + notifications + ", grpc=" + grpc + "]";
  }
}
