package cn.bangfu.platform;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How long the server takes to answer, per route, from the request's arrival to the response's last byte
 * handed to the socket (Vert.x's {@code vertx_http_server_response_time_seconds}), counted in fixed
 * buckets on {@code /metrics}. An operator sees whether a page keeps its budget (issue 15: the household
 * page's render p99 ≤ 20 ms, a bucket boundary) without a load generator's own waits on the same cores;
 * the benchmark reads the same buckets beside wrk's figure.
 */
public final class ResponseTimes {
  /** Vert.x's name for the server's response time. */
  public static final String METER = "vertx.http.server.response.time";
  /** The route label Vert.x Web sets (the route's path as mounted, e.g. {@code /household}). */
  public static final String ROUTE = "route";
  /** Bucket boundaries: fine around the pages' 20 ms budget, coarse up to a slow report's seconds. */
  static final Duration[] BUCKETS = Arrays.stream(new long[] {1, 2, 3, 5, 7, 10, 15, 20, 30, 50, 100, 200, 500,
      1_000, 2_000, 5_000, 10_000}).mapToObj(Duration::ofMillis).toArray(Duration[]::new);

  private ResponseTimes() {
  }

  /** Vert.x metrics with the route as a label (method and status code as before). */
  public static MicrometerMetricsOptions options() {
    return new MicrometerMetricsOptions().setEnabled(true)
        .setLabels(EnumSet.of(Label.HTTP_METHOD, Label.HTTP_CODE, Label.HTTP_ROUTE))
        .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true));
  }

  /** Gives the response time its buckets; before Vert.x registers the meter. */
  public static void configure(MeterRegistry registry) {
    double[] nanos = Arrays.stream(BUCKETS).mapToDouble(Duration::toNanos).toArray();
    registry.config().meterFilter(new MeterFilter() {
      @Override
      public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
        if (!METER.equals(id.getName())) {
          return config;
        }
        return DistributionStatisticConfig.builder().serviceLevelObjectives(nanos).build().merge(config);
      }
    });
  }

  /** Responses of a route counted by bucket upper bound (ms, cumulative), summed over methods and codes. */
  public static Map<Long, Long> counts(MeterRegistry registry, String route) {
    Map<Long, Long> counts = new LinkedHashMap<>();
    for (Duration bound : BUCKETS) {
      counts.put(bound.toMillis(), 0L);
    }
    counts.put(Long.MAX_VALUE, 0L);
    for (Timer timer : registry.find(METER).tag(ROUTE, route).timers()) {
      var snapshot = timer.takeSnapshot();
      for (CountAtBucket bucket : snapshot.histogramCounts()) {
        counts.merge(Math.round(bucket.bucket(java.util.concurrent.TimeUnit.MILLISECONDS)), (long) bucket.count(),
            Long::sum);
      }
      counts.merge(Long.MAX_VALUE, snapshot.count(), Long::sum);
    }
    return counts;
  }
}
