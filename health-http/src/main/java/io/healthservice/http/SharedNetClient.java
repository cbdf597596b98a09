package io.healthservice.http;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;

import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * One {@link NetClient} per Vert.x instance for every plain {@code tcp} check: a client per check cost about 1 KB of
 * heap each (options, SSL context caches, a cleaner), most of a check's footprint at 10,000 checks. Sharing is safe
 * because a plain run holds nothing to drop: its connect is bounded by its own timeout and closed at once. Neither
 * map nor client keeps a closed Vert.x alive, and Vert.x closes the client with itself.
 */
final class SharedNetClient {

  private static final Map<Vertx, WeakReference<NetClient>> CLIENTS = new WeakHashMap<>();

  private SharedNetClient() {
  }

  static synchronized NetClient of(Vertx vertx) {
    WeakReference<NetClient> kept = CLIENTS.get(vertx);
    NetClient client = kept == null ? null : kept.get();
    if (client == null) {
      client = vertx.createNetClient(new NetClientOptions());
      CLIENTS.put(vertx, new WeakReference<>(client));
    }
    return client;
  }
}
