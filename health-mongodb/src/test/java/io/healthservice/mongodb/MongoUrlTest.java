package io.healthservice.mongodb;

import io.healthservice.spi.CheckKind;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The URL rules {@code type: mongodb} applies when the configuration is read (the reader names the key {@code url}). */
class MongoUrlTest {

  @Test
  void theKindIsFoundByServiceLoader() {
    assertThat(ServiceLoader.load(CheckKind.class).stream().map(ServiceLoader.Provider::type))
      .contains(MongoKind.class);
    assertThat(new MongoKind().keys()).contains("url", "password_file", "tls_ca_file", "expect_writable");
  }

  @Test
  void acceptsHostListsAndAReplicaSet() {
    var url = MongoUrl.parse("mongodb://app:pw@db1:27017,db2/orders?replicaSet=rs0&tls=true", false);
    assertThat(url.getHosts()).containsExactly("db1:27017", "db2");
    assertThat(url.getRequiredReplicaSetName()).isEqualTo("rs0");
    assertThat(MongoUrl.database(url)).isEqualTo("orders");
    assertThat(MongoUrl.database(MongoUrl.parse("mongodb://db1", false))).isEqualTo("admin");
  }

  @Test
  void refusesSrvOtherSchemesAndBadUrlsWithoutQuotingThem() {
    assertThatThrownBy(() -> MongoUrl.parse("mongodb+srv://app:pw-9@cluster0.example.net/db", false))
      .hasMessageStartingWith("mongodb+srv:// is not supported").hasMessageNotContaining("pw-9");
    assertThatThrownBy(() -> MongoUrl.parse("postgresql://db/app", false)).hasMessageStartingWith("must start with mongodb://");
    assertThatThrownBy(() -> MongoUrl.parse("mongodb://app:pw-9@db:notaport/x", false))
      .hasMessageStartingWith("is not a connection string").hasMessageNotContaining("pw-9");
    assertThatThrownBy(() -> MongoUrl.parse("mongodb://db/x", true)).hasMessageStartingWith("needs a user");
  }

  @Test
  void aPasswordGivenApartReplacesTheUrlsKeepingItsMechanism() {
    var url = MongoUrl.parse("mongodb://app:old@db/x?authMechanism=SCRAM-SHA-256&authSource=admin", true);
    var credential = MongoUrl.credential(url, Optional.of("new")).orElseThrow();
    assertThat(new String(credential.getPassword())).isEqualTo("new");
    assertThat(credential.getMechanism()).isEqualTo("SCRAM-SHA-256");
    assertThat(credential.getSource()).isEqualTo("admin");
    assertThat(MongoUrl.credential(MongoUrl.parse("mongodb://db", false), Optional.empty())).isEmpty();
  }
}
