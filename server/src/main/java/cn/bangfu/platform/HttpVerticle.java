package cn.bangfu.platform;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One HTTP server on one event loop. The server deploys as many of these as it has cores
 * ({@code DeploymentOptions.setInstances}); Vert.x lets them share the port and spreads the
 * connections over them, so token checks, JSON and gzip run on every core instead of one.
 * Each instance builds its own {@link Router} (a router's handlers run on the loop that owns the
 * connection) from services that are created once and shared, so caches, rate limits and the sign-in
 * throttle stay global.
 */
public final class HttpVerticle extends VerticleBase {
  /** How long undeploying waits for requests in flight before closing their connections. */
  static final long SHUTDOWN_GRACE_SECONDS = 20;

  private final HttpServerOptions options;
  private final Supplier<Router> routers;
  private final java.util.concurrent.atomic.AtomicLong connections = new java.util.concurrent.atomic.AtomicLong();
  private HttpServer server;

  public HttpVerticle(HttpServerOptions options, Supplier<Router> routers) {
    this.options = options;
    this.routers = routers;
  }

  @Override
  public Future<?> start() {
    server = vertx.createHttpServer(options)
        .connectionHandler(connection -> connections.incrementAndGet())
        .requestHandler(routers.get())
        // requests Netty cannot parse (request line or headers too long, bad header syntax) never reach the router
        .invalidRequestHandler(ProblemHandler::invalidRequest);
    return server.listen();
  }

  /** Graceful: stops accepting, lets the requests in flight finish (up to the grace period), then closes. */
  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture() : server.shutdown(SHUTDOWN_GRACE_SECONDS, TimeUnit.SECONDS);
  }

  /** Connections this event loop has accepted: shows how the shared port spreads them. */
  public long connections() {
    return connections.get();
  }

  public int actualPort() {
    return server.actualPort();
  }
}
