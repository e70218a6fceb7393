package cn.bangfu.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Issue 15 foundation: precompiled jte templates render Chinese pages with escaped content. */
class WebPagesTest {

  @Test
  void errorPageIsChineseHtmlAndEscapesItsText() {
    String html = new WebPages().errorPage(403, "没有权限", "这一页只给本户查看 <script>");

    assertThat(html).startsWith("<!DOCTYPE html>")
        .contains("<html lang=\"zh-CN\">", "<h1>没有权限</h1>", "这一页只给本户查看 &lt;script&gt;")
        .doesNotContain("<script>", "Exception");
  }
}
