package cn.bangfu.platform;

import io.vertx.ext.web.RoutingContext;

/**
 * A problem as a person at a browser reads it (issue 15): a plain Chinese page with the same status,
 * never problem+json or a stack trace. The API's words (English, for programmers) stay in the log and
 * the API; here only what the reader can do next.
 */
public final class PageProblems {
  /** Problem type of a session that was valid once and has run out. */
  public static final String SESSION_EXPIRED = "session-expired";
  /** Problem type of a form posted without its valid CSRF token. */
  public static final String STALE_FORM = "stale-form";

  private PageProblems() {
  }

  /**
   * Whether the request is for a page rather than the API, health or metrics (also a mistyped one, such
   * as /health%zz: a monitoring probe reads problem+json, not a page).
   */
  public static boolean isPage(RoutingContext ctx) {
    String path = ctx.request().path();
    return path != null && !path.startsWith("/api/") && !path.startsWith("/health") && !path.startsWith("/metrics");
  }

  public static String render(WebPages pages, Problem problem) {
    String[] words = words(problem);
    return pages.errorPage(problem.status(), words[0], words[1]);
  }

  private static String[] words(Problem problem) {
    return switch (problem.status()) {
      case 401 -> SESSION_EXPIRED.equals(problem.type())
          ? new String[] {"登录已过期", "为了您的账户安全，登录一段时间后需要重新登录。请点下面的按钮重新登录。"}
          : new String[] {"请先登录", "这一页需要先登录才能查看。请点下面的按钮登录。"};
      case 403 -> STALE_FORM.equals(problem.type())
          ? new String[] {"表单已失效", "这张表单已失效或不是从本网站提交的，没有保存任何内容。请回到上一页，刷新后重新填写提交。"}
          : new String[] {"没有权限", "您的账户不能查看这一页。请回到首页，查看属于您的内容。"};
      case 404 -> new String[] {"找不到这一页", "您要找的内容不存在，或者您的账户看不到它。请检查网址，或回到首页。"};
      case 409 -> new String[] {"现在不能办理", "这件事现在不能办理：可能公示期已经结束，或者状态已经变了。请回到首页查看最新情况。"};
      case 429 -> new String[] {"尝试次数太多", "尝试次数太多，请等 " + Math.max(1, problem.retryAfterSeconds())
          + " 秒后再试。"};
      case 503 -> new String[] {"系统繁忙", "系统正忙，请稍等一会儿再试。"};
      default -> problem.status() >= 500
          ? new String[] {"系统出错了", "系统出了问题，您的操作可能没有完成。请稍后再试；如果一直这样，请联系村委会或合作社。"}
          : new String[] {"请求有误", "提交的内容有误，没有保存。请回到上一页检查后重新填写。"};
    };
  }
}
