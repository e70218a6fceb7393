package cn.bangfu.platform;

import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.codec.http.multipart.HttpPostRequestDecoder;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import org.jooq.exception.DataAccessException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failure into application/problem+json. Known problems keep their status and field;
 * anything unexpected becomes a bare 500 with a correlation id in the log, never a stack trace.
 */
public final class ProblemHandler implements Handler<RoutingContext> {
  private static final Logger LOG = LoggerFactory.getLogger(ProblemHandler.class);

  /** Renders the Chinese error pages of page requests (issue 15); null: every answer is problem+json. */
  private final WebPages pages;

  public ProblemHandler() {
    this(null);
  }

  public ProblemHandler(WebPages pages) {
    this.pages = pages;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Problem problem = toProblem(ctx);
    if (ctx.response().ended() || ctx.response().closed()) {
      return;
    }
    if (problem.retryAfterSeconds() > 0) {
      ctx.response().putHeader("Retry-After", Long.toString(problem.retryAfterSeconds()));
    }
    if (pages != null && PageProblems.isPage(ctx)) {
      ctx.response().setStatusCode(problem.status()).putHeader("Content-Type", "text/html; charset=utf-8")
          .end(PageProblems.render(pages, problem));
      return;
    }
    ctx.response()
        .setStatusCode(problem.status())
        .putHeader("Content-Type", "application/problem+json; charset=utf-8")
        .end(problem.toJson(ctx.request().path()).toBuffer());
  }

  private static Problem toProblem(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (failure instanceof Problem p) {
      return p;
    }
    if (failure instanceof DataAccessException dae && dae.getCause() instanceof Problem p) {
      return p;
    }
    if (failure != null && failure.getCause() instanceof Problem p) {
      return p;
    }
    int status = ctx.statusCode();
    if (failure == null || status == 413 || status == 404 || status == 405) {
      return switch (status) {
        case 404 -> new Problem(404, "not-found", "Not found", "no resource at " + ctx.request().path(), null);
        case 405 -> new Problem(405, "method-not-allowed", "Method not allowed",
            ctx.request().method() + " is not supported here", null);
        case 413 -> new Problem(413, "body-too-large", "Request body too large", "the body exceeds the size limit", null);
        case 400 -> Problem.malformedJson("the request could not be read");
        default -> status >= 400 && status < 500
            ? new Problem(status, "client-error", "Client error", "the request was refused", null)
            : internal(ctx, null);
      };
    }
    if (failure instanceof io.vertx.core.json.DecodeException) {
      return Problem.malformedJson("the body is not valid JSON");
    }
    if (failure instanceof HttpPostRequestDecoder.ErrorDataDecoderException) {
      // a form body BodyHandler could not decode (the pages' forms; the API refuses forms before this)
      return new Problem(400, "malformed-form", "Malformed form body", "the form body could not be decoded", null);
    }
    return internal(ctx, failure);
  }

  /**
   * For requests Netty could not decode, which never reach the router: the same problem+json and
   * header policy as every other answer instead of Vert.x's bare status line. The connection is
   * closed afterwards, since the rest of its bytes cannot be trusted to frame a next request.
   */
  public static void invalidRequest(HttpServerRequest request) {
    Throwable cause = request.decoderResult().cause();
    Problem problem;
    if (cause instanceof TooLongHttpLineException) {
      problem = new Problem(414, "uri-too-long", "Request line too long",
          "the request line is longer than the server accepts", null);
    } else if (cause instanceof TooLongHttpHeaderException) {
      problem = new Problem(431, "headers-too-large", "Request headers too large",
          "the request headers are larger than the server accepts", null);
    } else {
      problem = new Problem(400, "malformed-request", "Malformed request",
          "the request is not valid HTTP/1.1", null);
    }
    HttpServerResponse response = request.response();
    SecurityHeaders.apply(response.headers());
    response.setStatusCode(problem.status())
        .putHeader("Content-Type", "application/problem+json; charset=utf-8")
        .putHeader("Connection", "close")
        .end(problem.toJson(null).toBuffer())
        .onComplete(done -> request.connection().close());
  }

  private static Problem internal(RoutingContext ctx, Throwable failure) {
    String incident = Long.toString(System.nanoTime(), 36);
    LOG.error("incident={} method={} path={} unexpected failure", incident, ctx.request().method(),
        ctx.request().path(), failure);
    return new Problem(500, "internal", "Internal error", "the server failed; incident " + incident, null);
  }
}
