package io.healthservice.notify;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Alertmanager as the notification engine of a fleet: every replica posts the same alert (same labels) for
 * a check that is down, so N replicas make one alert and one notification. The alert is state, not a
 * message: it is re-posted every {@code repostInterval} while the check is down (Alertmanager forgets an
 * alert not re-posted within its {@code resolve_timeout}, 5 min by default) and posted once with
 * {@code endsAt} = now when the check is ok again. {@link #toString()} never shows the authorization.
 *
 * @param urls           Alertmanager base URLs ({@code http://am:9093}); every one gets every alert (an HA pair)
 * @param labels         added to every alert (e.g. {@code env: prod}); the same on every replica
 * @param instance       who this replica is (pod or host name): an annotation, never a label
 * @param statusUrl      a link to this replica's {@code /status}, in the annotations; {@code null}: none
 * @param authorization  the whole {@code Authorization} header value ({@code Bearer ...}, {@code Basic ...}); a secret
 * @param caFile         a PEM file of the CAs to trust for https URLs; empty: the JVM's
 * @param repostInterval how often a firing alert is posted again; well inside {@code resolve_timeout}
 * @param requestTimeout the whole budget of one post
 * @param initialBackoff the first wait after a failed post; doubled up to {@code maxBackoff}, with jitter
 * @param maxBackoff     the longest wait between attempts (attempts never stop while there is state to send)
 */
public record AlertmanagerSettings(List<String> urls, Map<String, String> labels, String instance, String statusUrl,
                                   Optional<String> authorization, Optional<String> caFile, Duration repostInterval,
                                   Duration requestTimeout, Duration initialBackoff, Duration maxBackoff) {

  /** The alert's name: one per check, whichever replica posts it. */
  public static final String ALERT_NAME = "DependencyDown";
  /** The alert that says a maintenance window covers a check ({@code maintenance="<window>"}): an inhibit rule's source. */
  public static final String MAINTENANCE_ALERT_NAME = "MaintenanceWindow";
  /** Labels we set ourselves; configured labels may not replace them. */
  public static final Set<String> RESERVED_LABELS = Set.of("alertname", "service", "check", "severity", "maintenance");
  /** Alertmanager's (Prometheus') label names. */
  public static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
  /** A minute, as Prometheus re-sends its firing alerts: five posts inside the default 5 min resolve_timeout. */
  public static final Duration DEFAULT_REPOST_INTERVAL = Duration.ofMinutes(1);

  public AlertmanagerSettings {
    urls = List.copyOf(urls);
    labels = Map.copyOf(new TreeMap<>(labels));
    Objects.requireNonNull(instance);
    Objects.requireNonNull(authorization);
    Objects.requireNonNull(caFile);
    Objects.requireNonNull(repostInterval);
    Objects.requireNonNull(requestTimeout);
    Objects.requireNonNull(initialBackoff);
    Objects.requireNonNull(maxBackoff);
    if (urls.isEmpty()) {
      throw new IllegalArgumentException("at least one Alertmanager URL is needed");
    }
    for (String name : labels.keySet()) {
      if (!LABEL_NAME.matcher(name).matches() || RESERVED_LABELS.contains(name)) {
        throw new IllegalArgumentException("label " + name + " is not a valid label name or is reserved");
      }
    }
    if (repostInterval.toMillis() < 1 || requestTimeout.toMillis() < 1 || initialBackoff.toMillis() < 1
      || maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException("intervals must be positive, maxBackoff >= initialBackoff");
    }
  }

  /** No labels, no status link, no authorization; re-post every minute, 5 s per post, back-off 1 s..30 s. */
  public static AlertmanagerSettings of(List<String> urls, String instance) {
    return new AlertmanagerSettings(urls, Map.of(), instance, null, Optional.empty(), Optional.empty(),
      DEFAULT_REPOST_INTERVAL, Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(30));
  }

  public AlertmanagerSettings withLabels(Map<String, String> next) {
    return new AlertmanagerSettings(urls, next, instance, statusUrl, authorization, caFile, repostInterval,
      requestTimeout, initialBackoff, maxBackoff);
  }

  public AlertmanagerSettings withStatusUrl(String next) {
    return new AlertmanagerSettings(urls, labels, instance, next, authorization, caFile, repostInterval,
      requestTimeout, initialBackoff, maxBackoff);
  }

  /** @param header the {@code Authorization} value, e.g. {@code "Bearer " + token} */
  public AlertmanagerSettings withAuthorization(Optional<String> header, Optional<String> ca) {
    return new AlertmanagerSettings(urls, labels, instance, statusUrl, header, ca, repostInterval,
      requestTimeout, initialBackoff, maxBackoff);
  }

  public AlertmanagerSettings withTiming(Duration repost, Duration timeout, Duration initial, Duration max) {
    return new AlertmanagerSettings(urls, labels, instance, statusUrl, authorization, caFile, repost, timeout,
      initial, max);
  }

  @Override
  public String toString() {
    // Never the authorization; URLs by count (one may carry user info), labels and timings are safe.
    return "Alertmanager[urls=" + urls.size() + ", labels=" + labels + ", instance=" + instance
      + ", auth=" + (authorization.isPresent() ? "yes" : "no") + ", repost=" + repostInterval.toMillis() + "ms]";
  }
}
