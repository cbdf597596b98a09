package io.healthservice.monitor;

import java.time.Duration;

/**
 * How the monitor runs one check: its schedule, its time budget and how it damps flapping.
 *
 * @param critical         a critical check that is down makes the service {@code error} (HTTP 503);
 *                         a non-critical one only makes it {@code degraded}
 * @param interval         time between the start of two runs
 * @param timeout          a run that has not answered by then counts as failed
 * @param maxAge           a result older than this counts as down ("stale")
 * @param failureThreshold consecutive failures before an ok check reports down
 * @param successThreshold consecutive successes before a down check reports ok
 */
public record CheckSettings(boolean critical, Duration interval, Duration timeout, Duration maxAge,
                            int failureThreshold, int successThreshold) {
}
