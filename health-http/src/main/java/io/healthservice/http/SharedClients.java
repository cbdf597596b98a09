package io.healthservice.http;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;

import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Function;

/**
 * One {@link NetClient} and one {@link HttpClientAgent} per Vert.x instance for every plain {@code tcp} and
 * {@code http} check: a client per check (options, SSL context caches, task queues, metrics, a pool) was most of a
 * check's footprint at thousands of checks. Sharing is safe because a check holds no pooled resource of the shared
 * client: a tcp run closes its connection at once; an http check keeps a connection of its own
 * ({@link io.healthservice.http.impl.HeldConnection}) and closes it when a run fails. Neither map nor client keeps a
 * closed Vert.x alive, and Vert.x closes the clients with itself.
 */
final class SharedClients {

  private static final Map<Vertx, WeakReference<NetClient>> NET = new WeakHashMap<>();
  private static final Map<Vertx, WeakReference<HttpClientAgent>> HTTP = new WeakHashMap<>();

  private SharedClients() {
  }

  static NetClient net(Vertx vertx) {
    return of(NET, vertx, v -> v.createNetClient(new NetClientOptions()));
  }

  static HttpClientAgent http(Vertx vertx) {
    return of(HTTP, vertx, v -> v.createHttpClient(new HttpClientOptions()));
  }

  private static synchronized <C> C of(Map<Vertx, WeakReference<C>> clients, Vertx vertx, Function<Vertx, C> create) {
    WeakReference<C> kept = clients.get(vertx);
    C client = kept == null ? null : kept.get();
    if (client == null) {
      client = create.apply(vertx);
      clients.put(vertx, new WeakReference<>(client));
    }
    return client;
  }
}
