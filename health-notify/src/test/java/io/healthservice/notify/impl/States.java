package io.healthservice.notify.impl;

import io.healthservice.CheckState;
import io.healthservice.FailureKind;
import io.healthservice.support.FakeClock;

/** Check states as the monitor would report them, for driving a notifier by hand. */
final class States {

  private States() {
  }

  static CheckState pending(String check) {
    return new CheckState(check, CheckState.Reported.PENDING, null, "not checked yet", 0, null, 0, Long.MAX_VALUE, 0, 0);
  }

  static CheckState up(String check) {
    return new CheckState(check, CheckState.Reported.UP, null, null, 1, FakeClock.START, 0, 60_000_000_000L, 0, 1);
  }

  static CheckState down(String check, String reason) {
    return new CheckState(check, CheckState.Reported.DOWN, FailureKind.REFUSED, reason, 1, FakeClock.START, 0,
      60_000_000_000L, 1, 0);
  }
}
