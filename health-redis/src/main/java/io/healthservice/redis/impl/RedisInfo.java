package io.healthservice.redis.impl;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The few {@code INFO} fields that say whether a node takes writes (sections replication, memory,
 * persistence). Only these keys are kept, and only as numbers or fixed words: nothing else of the reply
 * is read or shown.
 */
record RedisInfo(String role, boolean loading, long usedMemory, long notCountedForEvict, long maxmemory,
                 String maxmemoryPolicy, boolean rdbSaveFailed, boolean aofWriteFailed) {

  private static final Set<String> KEYS = Set.of("role", "loading", "used_memory", "mem_not_counted_for_evict",
    "maxmemory", "maxmemory_policy", "rdb_last_bgsave_status", "aof_last_write_status");

  static RedisInfo parse(String info) {
    Map<String, String> fields = new HashMap<>();
    for (String line : info.split("\r?\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && KEYS.contains(line.substring(0, colon))) {
        fields.put(line.substring(0, colon), line.substring(colon + 1).trim());
      }
    }
    String role = fields.getOrDefault("role", "");
    return new RedisInfo(role.matches("[a-z]{1,16}") ? role : "", "1".equals(fields.get("loading")),
      number(fields.get("used_memory")), number(fields.get("mem_not_counted_for_evict")),
      number(fields.get("maxmemory")), fields.getOrDefault("maxmemory_policy", ""),
      "err".equals(fields.get("rdb_last_bgsave_status")), "err".equals(fields.get("aof_last_write_status")));
  }

  /**
   * As the server decides (evict.c): a write is refused for memory when the memory it counts (used minus
   * replication and AOF buffers) exceeds {@code maxmemory} and the policy evicts nothing.
   */
  boolean outOfMemory() {
    return maxmemory > 0 && "noeviction".equals(maxmemoryPolicy) && usedMemory - notCountedForEvict > maxmemory;
  }

  /** {@code role:slave}: a replica (read-only by default) refuses the application's writes. */
  boolean replica() {
    return "slave".equals(role);
  }

  private static long number(String value) {
    try {
      return value == null ? 0 : Long.parseLong(value);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
