package dev.eventbus.migration;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The class path the recipes' parser attributes a tree against, taken from the tool's own: the jars
 * (or, in a build, class directories) that hold Guava's bus, the compat shim with the legacy buses,
 * the native API, its engine and its factory. The runnable jar carries all of them, so {@code
 * migrate} needs nothing from the user's build; a type from elsewhere (a library's bus) is unknown,
 * and the recipes leave what depends on it where it is.
 */
final class ParserClasspath {

  /** One class of each jar the parser needs. */
  private static final List<String> MARKERS =
      List.of(
          "com.google.common.eventbus.EventBus",
          "dev.eventbus.compat.guava.EventBus",
          "vm.core.event.DomainEventBus",
          "dev.eventbus.api.UnifiedEventBus",
          "dev.eventbus.core.internal.EventBusCore",
          "dev.eventbus.processors.EventBusFactory");

  private ParserClasspath() {}

  /**
   * The entries, each once.
   *
   * @throws IllegalStateException if one of the classes is not on the tool's class path
   */
  static List<Path> entries() {
    ClassLoader loader = ParserClasspath.class.getClassLoader();
    Set<Path> entries = new LinkedHashSet<>();
    List<String> missing = new ArrayList<>();
    for (String marker : MARKERS) {
      String resource = marker.replace('.', '/') + ".class";
      URL url = loader.getResource(resource);
      if (url == null) {
        missing.add(marker);
      } else {
        entries.add(entryOf(url, resource));
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          "the migration tool's class path lacks "
              + missing
              + ", which the recipes' parser needs; run the runnable jar"
              + " (eventbus-migration-tool-*-cli.jar)");
    }
    return List.copyOf(entries);
  }

  private static Path entryOf(URL url, String resource) {
    String text = url.toString();
    try {
      if (text.startsWith("jar:")) {
        return Path.of(new URI(text.substring(4, text.indexOf("!/"))));
      }
      Path file = Path.of(url.toURI());
      // A class directory: walk up from the class file by the depth of its package.
      for (int i = 0; i < resource.split("/").length; i++) {
        file = file.getParent();
      }
      return file;
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot locate " + url, e);
    }
  }
}
