package io.healthservice.config;

import java.time.Duration;

/**
 * What the HTTP server tolerates from callers, so that slow or abusive clients cannot crowd out probes.
 *
 * @param idleTimeout    a connection with no traffic for this long is closed
 * @param requestTimeout a new connection must complete its first request within this time (slowloris)
 * @param maxConnections connections beyond this many are closed on accept
 */
public record HttpLimits(Duration idleTimeout, Duration requestTimeout, int maxConnections) {
}
