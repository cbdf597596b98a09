package io.healthservice.status.impl;

import io.healthservice.FailureKind;

import java.time.Instant;

/**
 * A change of a check's reported state.
 *
 * @param at     when it was noticed (wall clock)
 * @param from   the state before: {@code pending}, {@code ok}, {@code down} or {@code stale}
 * @param to     the state after, same words
 * @param kind   why it went down or stale, or {@code null} when it came up
 * @param reason the sanitised reason (views show it only to callers granted details), or {@code null}
 */
public record Transition(Instant at, String from, String to, FailureKind kind, String reason) {
}
