package cn.bangfu.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A test's business clock: real time plus an offset the test moves forward, so a 公示 period ends by
 * {@code clock.advance(Duration.ofDays(8))} instead of by rewriting rows. Time keeps flowing between
 * advances (unlike threeten-extra's MutableClock, which stands still): rows stamped one after the other
 * keep their order, as they would in production. Thread-safe: servers read it on many threads.
 */
public final class MutableClock extends Clock {
  private final AtomicReference<Duration> offset;
  private final ZoneId zone;

  public MutableClock() {
    this(new AtomicReference<>(Duration.ZERO), ZoneOffset.UTC);
  }

  private MutableClock(AtomicReference<Duration> offset, ZoneId zone) {
    this.offset = offset;
    this.zone = zone;
  }

  /** Moves business time forward (never back: stored times would go out of order). */
  public void advance(Duration by) {
    if (by.isNegative()) {
      throw new IllegalArgumentException("a business clock only moves forward: " + by);
    }
    offset.accumulateAndGet(by, Duration::plus);
  }

  /** How far this clock is ahead of real time. */
  public Duration offset() {
    return offset.get();
  }

  @Override
  public Instant instant() {
    return Instant.now().plus(offset.get());
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  /** The same moving time seen in another zone (shares the offset). */
  @Override
  public Clock withZone(ZoneId zone) {
    return new MutableClock(offset, zone);
  }
}
