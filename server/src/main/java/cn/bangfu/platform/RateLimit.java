package cn.bangfu.platform;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;

/**
 * One token bucket per key (a client address, an account): {@code capacity} requests at once, then
 * {@code capacity} more spread over {@code refillPeriod}. Buckets come from Bucket4j (lock-free,
 * well tested refill arithmetic) and live in a Caffeine map bounded in size and dropped after a
 * refill period of silence, when a fresh bucket is exactly what the old one would have refilled to:
 * a flood of made-up keys costs bounded memory and forgets nothing that matters.
 *
 * <p>Each server instance counts on its own; behind a load balancer of n instances an address gets
 * up to n times the limit, which still bounds it (a shared store would make every request wait on it).
 */
public final class RateLimit {
  private static final int MAX_KEYS = 100_000;

  private final long capacity;
  private final Duration refillPeriod;
  private final TimeMeter clock;
  private final Cache<String, Bucket> buckets;

  public RateLimit(long capacity, Duration refillPeriod) {
    this(capacity, refillPeriod, TimeMeter.SYSTEM_NANOTIME);
  }

  /** With another clock, so tests can move time instead of waiting for it. */
  public RateLimit(long capacity, Duration refillPeriod, TimeMeter clock) {
    this.capacity = capacity;
    this.refillPeriod = refillPeriod;
    this.clock = clock;
    this.buckets = Caffeine.newBuilder().maximumSize(MAX_KEYS).expireAfterAccess(refillPeriod).build();
  }

  private Bucket bucket(String key) {
    return buckets.get(key, k -> Bucket.builder()
        .addLimit(limit -> limit.capacity(capacity).refillGreedy(capacity, refillPeriod))
        .withCustomTimePrecision(clock)
        .build());
  }

  /** Takes one token for {@code key}: 0 when taken, otherwise the whole seconds (at least 1) until one is there. */
  public long take(String key) {
    ConsumptionProbe probe = bucket(key).tryConsumeAndReturnRemaining(1);
    return probe.isConsumed() ? 0 : Math.max(1, ceilSeconds(probe.getNanosToWaitForRefill()));
  }

  /** Gives back a token taken by {@link #take} for an attempt that turned out not to count. */
  public void giveBack(String key) {
    bucket(key).addTokens(1);
  }

  static long ceilSeconds(long nanos) {
    return (nanos + 999_999_999L) / 1_000_000_000L;
  }

  /**
   * The address a request came from: the TCP peer. X-Forwarded-For is not read, because any client
   * can write it and so pick a fresh limit per request; behind a reverse proxy every client shares
   * the proxy's address (configure the proxy to limit, or extend this deliberately for a trusted one).
   */
  public static String clientAddress(io.vertx.ext.web.RoutingContext ctx) {
    io.vertx.core.net.SocketAddress remote = ctx.request().remoteAddress();
    if (remote == null) {
      return "unknown";
    }
    return remote.hostAddress() != null ? remote.hostAddress() : remote.toString();
  }
}
