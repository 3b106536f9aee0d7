package dev.eventbus.arch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * What a release ships, read from the poms: the BOM names exactly the published modules at the
 * project's version, the modules that are not published skip deployment and their sources and
 * javadoc jars, and the root carries the license, notice and metadata a public repository needs.
 */
class ReleaseLayoutTest {

  // Maven runs tests with the module as the working directory.
  private static final Path ROOT = Path.of("..");

  @Test
  void theBomManagesExactlyThePublishedModulesAtTheProjectsVersion() throws Exception {
    Element root = pom(ROOT.resolve("pom.xml"));
    Element bom = pom(ROOT.resolve("eventbus-bom/pom.xml"));

    assertThat(child(bom, "parent"))
        .as("the BOM must not inherit the parent's third-party dependencyManagement")
        .isEmpty();
    assertThat(text(bom, "version")).isEqualTo(text(root, "version"));

    Map<String, String> managed = new TreeMap<>();
    Element management = child(bom, "dependencyManagement").orElseThrow();
    for (Element dependency : children(child(management, "dependencies").orElseThrow())) {
      managed.put(text(dependency, "artifactId"), text(dependency, "version"));
    }
    assertThat(new TreeSet<>(managed.keySet())).isEqualTo(publishedModules());
    assertThat(managed)
        .allSatisfy((artifact, version) -> assertThat(version).isEqualTo("${project.version}"));
  }

  @Test
  void publishedModulesShipSourcesAndJavadoc_theOthersAreNotDeployed() throws Exception {
    for (Path module : reactorModules()) {
      Element pom = pom(module.resolve("pom.xml"));
      if (text(pom, "packaging").equals("pom")) {
        continue;
      }
      boolean published = !property(pom, "maven.deploy.skip").equals("true");
      for (String skip : List.of("maven.source.skip", "maven.javadoc.skip")) {
        assertThat(property(pom, skip).equals("true"))
            .as("%s sets %s", module.getFileName(), skip)
            .isEqualTo(!published);
      }
    }
  }

  @Test
  void theRootCarriesTheLicenseNoticeAndRepositoryMetadata() throws Exception {
    assertThat(Files.readString(ROOT.resolve("LICENSE")))
        .contains("Apache License", "Version 2.0, January 2004", "END OF TERMS AND CONDITIONS");
    assertThat(Files.readString(ROOT.resolve("NOTICE"))).contains("Apache License, Version 2.0");
    for (Path pom : List.of(ROOT.resolve("pom.xml"), ROOT.resolve("eventbus-bom/pom.xml"))) {
      Element project = pom(pom);
      for (String element : List.of("url", "licenses", "developers", "scm", "issueManagement")) {
        assertThat(child(project, element)).as("<%s> in %s", element, pom).isPresent();
      }
    }
  }

  /** The artifact ids of the reactor's modules that are deployed (no maven.deploy.skip). */
  private static TreeSet<String> publishedModules() throws Exception {
    TreeSet<String> published = new TreeSet<>();
    for (Path module : reactorModules()) {
      Element pom = pom(module.resolve("pom.xml"));
      if (!text(pom, "packaging").equals("pom")
          && !property(pom, "maven.deploy.skip").equals("true")) {
        published.add(text(pom, "artifactId"));
      }
    }
    return published;
  }

  /** The module directories the root pom names, in its modules and in its profiles. */
  private static List<Path> reactorModules() throws Exception {
    NodeList names = pom(ROOT.resolve("pom.xml")).getElementsByTagName("module");
    List<Path> modules = new ArrayList<>();
    for (int i = 0; i < names.getLength(); i++) {
      modules.add(ROOT.resolve(names.item(i).getTextContent().trim()));
    }
    assertThat(modules).as("modules of the root pom").isNotEmpty();
    return modules;
  }

  private static Element pom(Path path)
      throws IOException, ParserConfigurationException, SAXException {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    Document document = factory.newDocumentBuilder().parse(path.toFile());
    return document.getDocumentElement();
  }

  private static String property(Element project, String name) {
    return child(project, "properties")
        .flatMap(p -> child(p, name))
        .map(Node::getTextContent)
        .map(String::trim)
        .orElse("");
  }

  /** The text of a direct child; the packaging defaults to jar. */
  private static String text(Element parent, String name) {
    return child(parent, name)
        .map(e -> e.getTextContent().trim())
        .orElse(name.equals("packaging") ? "jar" : "");
  }

  private static Optional<Element> child(Element parent, String name) {
    return children(parent).stream().filter(e -> e.getTagName().equals(name)).findFirst();
  }

  private static List<Element> children(Element parent) {
    List<Element> elements = new ArrayList<>();
    for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element element) {
        elements.add(element);
      }
    }
    return elements;
  }
}
