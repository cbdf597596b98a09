/**
 * The {@code mongodb} kind of check: {@link io.healthservice.mongodb.MongoCheck}, the {@code hello} command over
 * vertx-mongo-client (the MongoDB reactive-streams driver on Vert.x's event loops).
 */
module io.healthservice.mongodb {
  requires transitive io.healthservice.kit;
  requires io.vertx.mongo.client;
  requires org.mongodb.driver.core;
  requires org.mongodb.bson;
  requires java.logging;

  exports io.healthservice.mongodb;

  provides io.healthservice.spi.CheckKind with io.healthservice.mongodb.MongoKind;
}
