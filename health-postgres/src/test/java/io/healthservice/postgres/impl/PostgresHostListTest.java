package io.healthservice.postgres.impl;

import io.healthservice.kit.Secrets;
import io.healthservice.postgres.DatabaseCheck;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** libpq host lists taken apart: hosts, ports, IPv6, the attribute, and each host's own URL. */
class PostgresHostListTest {

  @Test
  void aListOfHostsEachWithItsPortAndTheAttribute() {
    PostgresHostList list = PostgresHostList.parse(
      "postgresql://app:s3cret@db1:5432,db2:5433/app?sslmode=disable&target_session_attrs=read-write&application_name=x");
    assertThat(list.hosts()).extracting(PostgresHost::toString).containsExactly("db1:5432", "db2:5433");
    assertThat(list.attrs()).isEqualTo(SessionAttrs.READ_WRITE);
    assertThat(list.urlFor(list.hosts().get(1)))
      .isEqualTo("postgresql://app:s3cret@db2:5433/app?sslmode=disable&application_name=x");
    assertThat(list.isPlain()).isFalse();
    assertThat(list.toString()).doesNotContain("s3cret");
  }

  @Test
  void aSingleHostUrlIsRebuiltUnchangedAndPlain() {
    String url = "postgres://app@db.example.com/app?sslmode=require";
    PostgresHostList list = PostgresHostList.parse(url);
    assertThat(list.hosts()).containsExactly(new PostgresHost("db.example.com", 5432, "db.example.com"));
    assertThat(list.attrs()).isEqualTo(SessionAttrs.ANY);
    assertThat(list.isPlain()).isTrue();
    assertThat(list.urlFor(list.hosts().get(0))).isEqualTo(url);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "postgresql://[::1]:5433,[2001:db8::7]/app|[::1]:5433 [2001:db8::7]:5432|::1 2001:db8::7",
    "postgresql://u:p@[fe80::1]/app|[fe80::1]:5432|fe80::1",
    "postgresql://db1,db2:6000,10.0.0.3|db1:5432 db2:6000 10.0.0.3:5432|db1 db2 10.0.0.3",
    "postgresql://db1?target_session_attrs=any|db1:5432|db1",
    // A password with an unencoded '@' or ',': the last '@' ends the user-info, so no host is a piece of it.
    "postgresql://u:pa@s,3cret@db1:1,db2:2/app|db1:1 db2:2|db1 db2",
  })
  void hostsPortsAndIpv6(String url, String shown, String names) {
    PostgresHostList list = PostgresHostList.parse(url);
    assertThat(String.join(" ", list.hosts().stream().map(PostgresHost::toString).toList())).isEqualTo(shown);
    assertThat(list.hosts().stream().map(PostgresHost::host).toList()).isEqualTo(List.of(names.split(" ")));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "any|ANY", "read-write|READ_WRITE", "read-only|READ_ONLY", "primary|PRIMARY", "standby|STANDBY",
    "prefer-standby|PREFER_STANDBY", "Read-Write|READ_WRITE",
  })
  void everyLibpqAttribute(String value, SessionAttrs expected) {
    PostgresHostList list = PostgresHostList.parse("postgresql://db1,db2/app?target_session_attrs=" + value);
    assertThat(list.attrs()).isEqualTo(expected);
    // The server would refuse it as a startup parameter: only the check reads it.
    assertThat(list.urlFor(list.hosts().get(0))).isEqualTo("postgresql://db1/app");
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "postgresql://u:s3cret@/app", "postgresql://u:s3cret@db1,/app", "postgresql://u:s3cret@db1:99999/app",
    "postgresql://u:s3cret@db1:abc/app", "postgresql://u:s3cret@[::1/app", "postgresql://u:s3cret@[::1]x/app",
    "mysql://u:s3cret@db/app", "postgresql://u:s3cret@db1,db2/app?target_session_attrs=prefer-primary-s3cret",
    "postgresql://u:s3cret@db1,db2/app?target_session_attrs=%zz-s3cret",
  })
  void malformedListsAreRefusedWithoutQuotingTheUrl(String url) {
    assertThatThrownBy(() -> PostgresHostList.parse(url))
      .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("s3cret");
    assertThatThrownBy(() -> DatabaseCheck.validateUrl(url))
      .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("s3cret");
  }

  @Test
  void validationTakesEachHostsSingleHostUrl() {
    DatabaseCheck.validateUrl("postgresql://u:p@db1:5432,[::1]:5433/app?target_session_attrs=read-write&sslmode=require");
    DatabaseCheck.validateUrl("postgresql://u:p@db1/app");
  }

  @Test
  void multiHostUrlsAreMaskedWhole() {
    String url = "postgresql://app:s3cret@db1:5432,db2:5432/app?target_session_attrs=read-write";
    assertThat(Secrets.maskUrl(url)).isEqualTo("postgresql://app:***@db1:5432,db2:5432/app?target_session_attrs=read-write");
    assertThat(Secrets.maskUrls(url)).isEqualTo(Secrets.maskUrl(url));
    assertThat(Secrets.maskUrls("postgresql://app:pa,s3cret@db1,db2/app")).isEqualTo("postgresql://app:***@db1,db2/app");
  }
}
