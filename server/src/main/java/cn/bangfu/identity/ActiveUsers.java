package cn.bangfu.identity;

import cn.bangfu.platform.Database;
import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Whether a token's subject may still act: the user exists and is not disabled (issue 12, finding
 * 10). Asked on every signed-in request, so answers are cached (Caffeine) for {@link #FRESHNESS}:
 * a disabled user's tokens stop working within that time on every instance, and at once on the
 * instance that disabled it. A cached answer costs a map read; a miss one primary-key read on a
 * worker, shared by the requests waiting for it.
 */
public final class ActiveUsers {
  static final Duration FRESHNESS = Duration.ofSeconds(3);
  private static final int MAX_USERS = 200_000;

  private final AsyncLoadingCache<Long, Boolean> active;

  public ActiveUsers(Database database, UserRepository users) {
    this.active = Caffeine.newBuilder()
        .maximumSize(MAX_USERS)
        .expireAfterWrite(FRESHNESS)
        .buildAsync((userId, executor) -> database.read(db -> users.isActive(db, userId))
            .toCompletionStage().toCompletableFuture());
  }

  /** True when the user exists and is enabled; a failed look-up is not cached. */
  public Future<Boolean> isActive(long userId) {
    CompletableFuture<Boolean> answer = active.get(userId);
    if (answer.isDone() && !answer.isCompletedExceptionally()) {
      // the usual case, a cached answer: no hop through the event loop for every request
      return Future.succeededFuture(answer.getNow(Boolean.FALSE));
    }
    Context context = Vertx.currentContext();
    return context == null ? Future.fromCompletionStage(answer) : Future.fromCompletionStage(answer, context);
  }

  /** Forgets the cached answer, so the change is seen by the very next request here. */
  public void changed(long userId) {
    active.synchronous().invalidate(userId);
  }
}
