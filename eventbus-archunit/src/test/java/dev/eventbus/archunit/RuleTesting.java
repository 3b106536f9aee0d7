package dev.eventbus.archunit;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.List;

/** Imports of the fixtures and evaluation helpers shared by the rule tests. */
final class RuleTesting {

  static final String FIXTURES = "dev.eventbus.archunit.fixtures";

  private RuleTesting() {}

  /** The classes of a package and its sub-packages; never empty, or the test is meaningless. */
  static JavaClasses importPackages(String... packageNames) {
    JavaClasses classes = new ClassFileImporter().importPackages(packageNames);
    // Guards every test against passing only because nothing was imported.
    assertThat(classes).as("classes imported from %s", List.of(packageNames)).isNotEmpty();
    return classes;
  }

  /** The fixtures of one sub-package of {@value #FIXTURES}. */
  static JavaClasses fixtures(String subPackage) {
    return importPackages(FIXTURES + "." + subPackage);
  }

  static JavaClasses importOnly(Class<?>... classes) {
    return new ClassFileImporter().importClasses(classes);
  }

  /** The failure report of a rule that must fail on the classes. */
  static String failureReport(ArchRule rule, JavaClasses classes) {
    EvaluationResult result = rule.evaluate(classes);
    assertThat(result.hasViolation()).as("%s has a violation", rule.getDescription()).isTrue();
    return result.getFailureReport().toString();
  }

  /** One line per violation of a rule that must fail on the classes. */
  static List<String> violations(ArchRule rule, JavaClasses classes) {
    EvaluationResult result = rule.evaluate(classes);
    assertThat(result.hasViolation()).as("%s has a violation", rule.getDescription()).isTrue();
    return result.getFailureReport().getDetails();
  }

  static boolean hasViolation(ArchRule rule, JavaClasses classes) {
    return rule.evaluate(classes).hasViolation();
  }
}
