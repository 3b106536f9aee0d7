package dev.eventbus.migration;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.Objects;

/** The sample legacy application in {@code src/test/resources/sample-legacy}. */
public final class SampleTree {

  private SampleTree() {}

  /** The root of the sample tree on the test class path. */
  public static Path root() {
    return resource("/sample-legacy");
  }

  /** A file or directory of the test resources, as a path. */
  static Path resource(String name) {
    URL url = Objects.requireNonNull(SampleTree.class.getResource(name), name);
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
