package dev.eventbus.rewrite;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openrewrite.java.JavaParser;

/** CI runs the suite on JDK 17 and 25: the parser must be the running JDK's own. */
class ParserVersionTest {

  @Test
  void theParserIsTheRunningJdks() {
    int feature = Runtime.version().feature();
    String expected =
        feature >= 25 ? "Java25Parser" : feature >= 21 ? "Java21Parser" : "Java17Parser";

    assertThat(JavaParser.fromJavaVersion().build().getClass().getSimpleName()).isEqualTo(expected);
  }
}
