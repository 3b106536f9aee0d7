package dev.eventbus.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Generates a large source tree to time the migration tool's scan on: {@link ScanBenchmark} makes
 * one in its setup, and {@code java
 * eventbus-benchmarks/src/main/java/dev/eventbus/benchmarks/ScanTree.java OUT FILES TEMPLATES}
 * makes one to time the CLI on. One file in ten is a copy of a template file (a sample application
 * of the tool's src/test/resources, in a directory of its own); the rest are plain classes of about
 * a hundred lines that never mention a legacy API, as most of a real code base is.
 */
public final class ScanTree {

  private ScanTree() {}

  /**
   * Writes the tree.
   *
   * @param args the directory to write, the number of files, the directory of template sources
   * @throws IOException if a template cannot be read or a file cannot be written
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 3) {
      System.err.println("usage: java ScanTree.java OUT FILES TEMPLATE_DIR");
      System.exit(2);
    }
    Path out = Path.of(args[0]);
    long bytes = generate(out, Integer.parseInt(args[1]), Path.of(args[2]));
    System.out.println("wrote " + args[1] + " files, " + bytes / 1024 + " KiB, under " + out);
  }

  /**
   * Writes {@code files} Java files under {@code out}.
   *
   * @param out the directory to write into
   * @param files how many files to write
   * @param templates a directory of Java sources, one in ten files is a copy of one of them
   * @return the characters written
   * @throws IOException if a template cannot be read or a file cannot be written
   */
  public static long generate(Path out, int files, Path templates) throws IOException {
    List<Path> sources = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(templates)) {
      walk.filter(p -> p.toString().endsWith(".java")).sorted().forEach(sources::add);
    }
    long bytes = 0;
    for (int i = 0; i < files; i++) {
      String pkg = "gen.p" + (i / 100);
      Path dir = out.resolve(pkg.replace('.', '/'));
      Files.createDirectories(dir);
      String text;
      String name;
      if (i % 10 == 0 && !sources.isEmpty()) {
        Path template = sources.get((i / 10) % sources.size());
        name = template.getFileName().toString();
        // Keep the template's own package: its imports of sibling packages stay meaningful.
        Path parent = templates.relativize(template).getParent();
        dir = out.resolve("copy" + i);
        if (parent != null) {
          dir = dir.resolve(parent);
        }
        Files.createDirectories(dir);
        text = Files.readString(template, StandardCharsets.UTF_8);
      } else {
        name = "Plain" + i + ".java";
        text = plain(pkg, "Plain" + i);
      }
      Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
      bytes += text.length();
    }
    return bytes;
  }

  private static String plain(String pkg, String name) {
    StringBuilder b = new StringBuilder();
    b.append("package ").append(pkg).append(";\n\n");
    b.append("import java.util.ArrayList;\nimport java.util.List;\nimport java.util.Map;\n\n");
    b.append("/** A generated class with ordinary code. */\n");
    b.append("public final class ").append(name).append(" {\n");
    b.append("  private final List<String> items = new ArrayList<>();\n\n");
    for (int m = 0; m < 12; m++) {
      b.append("  /** Method ").append(m).append(". */\n");
      b.append("  public int method").append(m).append("(Map<String, Integer> input) {\n");
      b.append("    int total = 0;\n");
      b.append("    for (Map.Entry<String, Integer> e : input.entrySet()) {\n");
      b.append("      if (e.getValue() > ").append(m).append(") {\n");
      b.append("        total += e.getValue() * ").append(m + 1).append(";\n");
      b.append("        items.add(e.getKey());\n");
      b.append("      }\n    }\n    return total;\n  }\n\n");
    }
    b.append("}\n");
    return b.toString();
  }
}
