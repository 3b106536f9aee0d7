package dev.eventbus.migration.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarkdownTest {

  @Test
  void codeSpanFenceIsLongerThanAnyBacktickRunInside() {
    assertThat(Markdown.code("a.b#c")).isEqualTo("`a.b#c`");
    assertThat(Markdown.code("a`b")).isEqualTo("``a`b``");
    assertThat(Markdown.code("a``b`c")).isEqualTo("```a``b`c```");
  }

  @Test
  void codeSpanIsPaddedWhenTheContentTouchesTheFenceOrIsSpaceWrapped() {
    assertThat(Markdown.code("`x")).isEqualTo("`` `x ``");
    assertThat(Markdown.code("x`")).isEqualTo("`` x` ``");
    assertThat(Markdown.code(" x ")).isEqualTo("`  x  `");
    assertThat(Markdown.code("  ")).isEqualTo("`  `");
    assertThat(Markdown.code("")).isEmpty();
  }

  @Test
  void textEscapesInlineMarkupAndFlattensLineBreaks() {
    assertThat(Markdown.text("a*b_c `d` [e](f) <g> ~h~ &amp; \\"))
        .isEqualTo("a\\*b\\_c \\`d\\` \\[e\\](f) \\<g\\> \\~h\\~ \\&amp; \\\\");
    assertThat(Markdown.text("one\ntwo\r\nthree")).isEqualTo("one two three");
  }

  @Test
  void cellEscapesEveryPipeCodeSpansIncluded() {
    assertThat(Markdown.cell("`a|b` or c|d")).isEqualTo("`a\\|b` or c\\|d");
    assertThat(Markdown.cell("x\ny")).isEqualTo("x y");
  }
}
