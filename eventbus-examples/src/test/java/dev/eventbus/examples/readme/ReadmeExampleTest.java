package dev.eventbus.examples.readme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventbus.api.PublishResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadmeExampleTest {

  // Maven runs tests with the module as the working directory.
  private static final Path README = Path.of("..", "README.md");
  private static final Path EXAMPLE =
      Path.of("src/main/java/dev/eventbus/examples/readme/ReadmeExample.java");

  @Test
  void readmeUsageBlockIsTheCompiledExample() throws IOException {
    List<String> readme = usageBlock(Files.readAllLines(README, StandardCharsets.UTF_8));
    List<String> example = Files.readAllLines(EXAMPLE, StandardCharsets.UTF_8);
    List<String> exampleRegion = markedRegion(example);
    List<String> readmeImports = leadingImports(readme);
    int body = readmeImports.size();
    while (body < readme.size() && readme.get(body).isBlank()) {
      body++;
    }
    List<String> readmeBlock = readme.subList(body, readme.size());

    assertThat(readmeImports)
        .as("the README's imports are the example's, so the snippet compiles as shown")
        .isNotEmpty()
        .containsExactlyElementsOf(
            example.stream().filter(line -> line.startsWith("import ")).toList());
    assertThat(readmeBlock).isNotEmpty();
    assertThat(stripCommonIndent(exampleRegion))
        .as(
            "the README:start..README:end region of %s must equal the ```java block under"
                + " \"## Usage\" in %s",
            EXAMPLE, README)
        .containsExactlyElementsOf(stripCommonIndent(readmeBlock));
  }

  @Test
  void exampleDeliversToBothSubscribersInPriorityOrder() {
    PrintStream originalOut = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PublishResult result;
    try (PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
      System.setOut(capture);
      result = ReadmeExample.run();
    } finally {
      System.setOut(originalOut);
    }

    assertThat(result.subscribers()).isEqualTo(2);
    assertThat(result.delivered()).isEqualTo(2);
    assertThat(result.failed()).isZero();
    assertThat(result.isSuccess()).isTrue();
    assertThat(captured.toString(StandardCharsets.UTF_8).lines())
        .containsExactly(
            "bill o-1", // priority 200 runs before the "*" subscription's default 100
            "audit " + new OrderPlaced("o-1", 4_200),
            "2 handlers ran; 0 failed");
  }

  @Test
  void extractionFindsTheFirstJavaBlockAfterUsageOnly() {
    List<String> markdown =
        List.of(
            "# Title",
            "```java",
            "notThis();",
            "```",
            "## Usage",
            "",
            "```java",
            "  a();",
            "",
            "    b();",
            "```",
            "```java",
            "norThis();",
            "```");

    assertThat(stripCommonIndent(usageBlock(markdown))).containsExactly("a();", "", "  b();");
  }

  /** The lines of the first {@code ```java} block after the {@code ## Usage} heading. */
  static List<String> usageBlock(List<String> markdown) {
    int usage = indexOf(markdown, "## Usage", 0);
    int open = indexOf(markdown, "```java", usage + 1);
    int close = indexOf(markdown, "```", open + 1);
    return markdown.subList(open + 1, close);
  }

  /** The import lines a block starts with. */
  static List<String> leadingImports(List<String> block) {
    int i = 0;
    while (i < block.size() && block.get(i).startsWith("import ")) {
      i++;
    }
    return block.subList(0, i);
  }

  /** The lines strictly between {@code // README:start} and {@code // README:end}. */
  static List<String> markedRegion(List<String> source) {
    int start = indexOf(source, "// README:start", 0);
    int end = indexOf(source, "// README:end", start + 1);
    return source.subList(start + 1, end);
  }

  private static int indexOf(List<String> lines, String trimmedLine, int from) {
    for (int i = from; i < lines.size(); i++) {
      if (lines.get(i).trim().equals(trimmedLine)) {
        return i;
      }
    }
    throw new AssertionError("no line '" + trimmedLine + "' after line " + from);
  }

  /** Removes trailing blanks, and the indentation every non-blank line shares. */
  static List<String> stripCommonIndent(List<String> lines) {
    int indent = Integer.MAX_VALUE;
    for (String line : lines) {
      if (!line.isBlank()) {
        indent = Math.min(indent, line.length() - line.stripLeading().length());
      }
    }
    List<String> stripped = new ArrayList<>();
    for (String line : lines) {
      stripped.add(line.isBlank() ? "" : line.substring(indent).stripTrailing());
    }
    return stripped;
  }
}
