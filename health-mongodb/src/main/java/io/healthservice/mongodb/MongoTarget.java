package io.healthservice.mongodb;

import io.healthservice.kit.Target;

import java.util.Objects;

/**
 * Where a {@code mongodb} check connects ({@code mongodb://[user:password@]host[:27017][,host2]/db?replicaSet=rs0},
 * a password from a file overriding the URL's) and whether the member answering must be the writable primary.
 * Prints without secrets (the target masks its own).
 *
 * @param expectWritable {@code expect_writable}: a member answering {@code isWritablePrimary: false} is down
 */
public record MongoTarget(Target target, boolean expectWritable) {

  public MongoTarget {
    Objects.requireNonNull(target, "target");
  }
}
