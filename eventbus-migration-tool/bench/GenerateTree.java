import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Generates a large source tree to time the migration tool on: {@code java GenerateTree.java OUT
 * FILES TEMPLATES}. One file in ten is a copy of a template file (the sample applications in
 * src/test/resources, renamed into a package of its own); the rest are plain classes of about a
 * hundred lines that never mention a legacy API, as most of a real code base is.
 */
public final class GenerateTree {

  public static void main(String[] args) throws IOException {
    if (args.length != 3) {
      System.err.println("usage: java GenerateTree.java OUT FILES TEMPLATE_DIR");
      System.exit(2);
    }
    Path out = Path.of(args[0]);
    int files = Integer.parseInt(args[1]);
    Path templates = Path.of(args[2]);
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
        String copy = Files.readString(template, StandardCharsets.UTF_8);
        // Keep the template's own package: its imports of sibling packages stay meaningful.
        dir = out.resolve("copy" + i).resolve(templates.relativize(template).getParent());
        Files.createDirectories(dir);
        text = copy;
      } else {
        name = "Plain" + i + ".java";
        text = plain(pkg, "Plain" + i);
      }
      Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
      bytes += text.length();
    }
    System.out.println("wrote " + files + " files, " + bytes / 1024 + " KiB, under " + out);
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
