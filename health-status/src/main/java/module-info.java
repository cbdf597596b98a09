/**
 * A health checker's status page, history and badges: {@code /status}, {@code /health/history} and
 * {@code /badge/{check}.svg}, from a history listener attached to the checker, mounted with one call
 * ({@link io.healthservice.status.StatusPages}). {@code io.healthservice.status.impl} is internal.
 */
module io.healthservice.status {
  requires transitive io.healthservice.core;

  exports io.healthservice.status;
}
