package io.healthservice.redis.impl;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The INFO fields judged, and only those: the server's rule for maxmemory, roles as fixed words. */
class RedisInfoTest {

  @Test
  void memoryNotCountedForEvictionIsLeftOutAsTheServerDoes() {
    String info = "# Memory\r\nused_memory:2000000\r\nmaxmemory:1048576\r\nmaxmemory_policy:noeviction\r\n"
      + "mem_not_counted_for_evict:1000000\r\n";
    assertThat(RedisInfo.parse(info).outOfMemory()).as("1.0 MB counted of 1.0 MB").isFalse();
    assertThat(RedisInfo.parse(info.replace("1000000", "0")).outOfMemory()).isTrue();
    assertThat(RedisInfo.parse(info.replace("noeviction", "allkeys-lru").replace("1000000", "0")).outOfMemory()).isFalse();
    assertThat(RedisInfo.parse(info.replace("maxmemory:1048576", "maxmemory:0")).outOfMemory()).as("no limit").isFalse();
  }

  @Test
  void loadingAndFailedSavesAndRolesAreRead() {
    RedisInfo info = RedisInfo.parse("role:slave\nloading:1\nrdb_last_bgsave_status:err\naof_last_write_status:ok\n");
    assertThat(info.replica()).isTrue();
    assertThat(info.loading()).isTrue();
    assertThat(info.rdbSaveFailed()).isTrue();
    assertThat(info.aofWriteFailed()).isFalse();
    assertThat(RedisInfo.parse("role:<script>\n").role()).as("never a free text").isEmpty();
  }

  @Test
  void loadingAndMisconfRepliesHaveProtocolWords() {
    assertThat(RedisErrors.classify("LOADING Redis is loading the dataset in memory").reason())
      .isEqualTo("LOADING: dataset still loading");
    assertThat(RedisErrors.classify("MISCONF Errors writing to the AOF file: No space left on device").reason())
      .isEqualTo("MISCONF: last AOF write failed, writes refused");
  }
}
