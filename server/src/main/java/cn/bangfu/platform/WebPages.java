package cn.bangfu.platform;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.util.Map;

/**
 * Renders the server-side HTML pages (issue 15) from jte templates precompiled at build time by
 * jte-maven-plugin: a template that does not type-check fails the build, and nothing is compiled
 * at run time. Plumbing only: which page shows what belongs to the capabilities.
 */
public final class WebPages {

  private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);

  /** One page as HTML, its parameters by the names the template declares. */
  public String render(String template, Map<String, Object> params) {
    StringOutput output = new StringOutput();
    engine.render(template, params, output);
    return output.toString();
  }

  /** A plain Chinese error page: never a stack trace or JSON for a person at a browser. */
  public String errorPage(int status, String title, String message) {
    return render("error.jte", Map.of("status", status, "title", title, "message", message));
  }
}
