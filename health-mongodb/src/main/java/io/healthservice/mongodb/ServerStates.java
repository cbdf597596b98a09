package io.healthservice.mongodb;

import com.mongodb.ServerAddress;
import com.mongodb.connection.ServerDescription;
import com.mongodb.event.ServerDescriptionChangedEvent;
import com.mongodb.event.ServerListener;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the driver's monitors last learned of each server of one client: read when server selection timed out, to
 * say why (refused, another set's name, not a member). Kept here because the driver drops a server whose set name
 * is wrong from its cluster description, and the timeout's message is free text.
 */
final class ServerStates implements ServerListener {

  private final Map<ServerAddress, ServerDescription> latest = new ConcurrentHashMap<>();

  @Override
  public void serverDescriptionChanged(ServerDescriptionChangedEvent event) {
    ServerDescription description = event.getNewDescription();
    latest.put(description.getAddress(), description);
  }

  List<ServerDescription> descriptions() {
    return List.copyOf(latest.values());
  }
}
