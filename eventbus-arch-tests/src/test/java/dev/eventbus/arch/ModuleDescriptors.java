package dev.eventbus.arch;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The module descriptors of the project's compiled modules, read the way the JVM reads them (with
 * {@link ModuleFinder}) from the directory or jar each class was loaded from.
 */
final class ModuleDescriptors {

  private static final Map<Path, ModuleDescriptor> BY_LOCATION = new ConcurrentHashMap<>();

  private ModuleDescriptors() {}

  /** The descriptor of the module {@code javaClass} belongs to (automatic if it has none). */
  static ModuleDescriptor of(JavaClass javaClass) {
    Class<?> loaded = javaClass.getBaseComponentType().reflect();
    try {
      Path location = Path.of(loaded.getProtectionDomain().getCodeSource().getLocation().toURI());
      return BY_LOCATION.computeIfAbsent(location, ModuleDescriptors::read);
    } catch (URISyntaxException e) {
      throw new IllegalStateException("no location for " + loaded, e);
    }
  }

  private static ModuleDescriptor read(Path location) {
    List<ModuleReference> found = List.copyOf(ModuleFinder.of(location).findAll());
    if (found.size() != 1) {
      throw new IllegalStateException(location + " holds " + found.size() + " modules");
    }
    return found.get(0).descriptor();
  }

  /**
   * Whether {@code module} exports {@code packageName} to everyone or to {@code reader}; an
   * automatic module exports every package it has.
   */
  static boolean exportsTo(ModuleDescriptor module, String packageName, String reader) {
    if (module.isAutomatic()) {
      return module.packages().contains(packageName);
    }
    return module.exports().stream()
        .anyMatch(
            export ->
                export.source().equals(packageName)
                    && (!export.isQualified() || export.targets().contains(reader)));
  }

  /**
   * Whether {@code module} exports {@code packageName} to everyone; an automatic module (a jar or
   * directory without a descriptor, such as the unpublished transport test support) exports every
   * package it has, as the JVM treats it.
   */
  static boolean exportsToEveryone(ModuleDescriptor module, String packageName) {
    if (module.isAutomatic()) {
      return module.packages().contains(packageName);
    }
    return module.exports().stream()
        .anyMatch(export -> export.source().equals(packageName) && !export.isQualified());
  }

  /**
   * The compiled tests of every module of this build but this one: the {@code target/test-classes}
   * directory of each module beside this one, which the reactor compiles before it tests this one.
   */
  static JavaClasses siblingTestClasses() {
    Path root = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent();
    try (Stream<Path> modules = Files.list(root)) {
      List<Path> testClasses =
          modules
              .map(module -> module.resolve("target/test-classes"))
              .filter(Files::isDirectory)
              .filter(dir -> !dir.startsWith(Path.of(System.getProperty("user.dir"))))
              .toList();
      return new ClassFileImporter().importPaths(testClasses);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
