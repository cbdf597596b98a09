package io.healthservice.support;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Base of the tests that run the service against the proxied real servers: a fresh {@link Fixture} per
 * test (subclasses adjust its config in their own {@code @BeforeEach}, then start {@link #service}),
 * everything closed afterwards.
 */
@ExtendWith(VertxExtension.class)
public abstract class ServiceTest {

  protected Vertx vertx;
  protected Fixture fixture;
  protected RunningService service;

  @BeforeEach
  void createFixture(Vertx vertx) throws Exception {
    this.vertx = vertx;
    this.fixture = new Fixture(vertx);
  }

  @AfterEach
  void closeFixture() throws Exception {
    try {
      if (service != null) {
        service.close();
      }
    } finally {
      fixture.close();
    }
  }
}
