package io.healthservice.mongodb;

import io.vertx.core.json.JsonObject;
import org.bson.BsonDocument;
import org.bson.BsonReader;
import org.bson.BsonWriter;
import org.bson.codecs.BsonDocumentCodec;
import org.bson.codecs.Codec;
import org.bson.codecs.DecoderContext;
import org.bson.codecs.EncoderContext;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/**
 * Vert.x's {@link JsonObject} to and from BSON, for the driver settings this kind builds itself: vertx-mongo-client
 * registers its own codec only in the settings it builds, and keeps that codec in a package it does not export.
 * Through the driver's BSON document (relaxed extended JSON): plenty for a {@code hello} and its reply.
 */
final class JsonCodec implements Codec<JsonObject> {

  private static final JsonWriterSettings RELAXED = JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();
  private final BsonDocumentCodec documents = new BsonDocumentCodec();

  @Override
  public void encode(BsonWriter writer, JsonObject value, EncoderContext context) {
    documents.encode(writer, BsonDocument.parse(value.encode()), context);
  }

  @Override
  public JsonObject decode(BsonReader reader, DecoderContext context) {
    return new JsonObject(documents.decode(reader, context).toJson(RELAXED));
  }

  @Override
  public Class<JsonObject> getEncoderClass() {
    return JsonObject.class;
  }
}
