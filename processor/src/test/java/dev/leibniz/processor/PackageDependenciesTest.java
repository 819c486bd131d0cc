package dev.leibniz.processor;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The processor's layers (docs/how-it-works.md): the IR depends on no other part, the rules on
 * the IR only, the front end and the transforms on neither each other nor code generation, the
 * planner on the transforms but not on the front end or code generation, and code generation only
 * prints the plan: it depends on neither the front end nor the transforms.
 */
class PackageDependenciesTest {
  private static final String ROOT = "dev.leibniz.processor";
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages(ROOT);
  }

  @Test
  void irDependsOnNoOtherPart() {
    noClasses().that().resideInAPackage(ROOT + ".ir..")
        .should().dependOnClassesThat().resideInAnyPackage(ROOT, ROOT + ".frontend..", ROOT + ".rules..",
            ROOT + ".transform..", ROOT + ".plan..", ROOT + ".codegen..")
        .check(classes);
  }

  @Test
  void diagnosticsDependOnNoOtherPart() {
    noClasses().that().resideInAPackage(ROOT + ".diagnostics..")
        .should().dependOnClassesThat().resideInAnyPackage(ROOT, ROOT + ".ir..", ROOT + ".frontend..",
            ROOT + ".rules..", ROOT + ".transform..", ROOT + ".plan..", ROOT + ".codegen..")
        .check(classes);
  }

  @Test
  void rulesDependOnTheIrOnly() {
    noClasses().that().resideInAPackage(ROOT + ".rules..")
        .should().dependOnClassesThat().resideInAnyPackage(ROOT, ROOT + ".frontend..", ROOT + ".transform..",
            ROOT + ".plan..", ROOT + ".codegen..")
        .check(classes);
  }

  @Test
  void frontEndAndTransformsAreIndependent() {
    noClasses().that().resideInAPackage(ROOT + ".frontend..")
        .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".transform..", ROOT + ".plan..", ROOT + ".codegen..")
        .check(classes);
    noClasses().that().resideInAPackage(ROOT + ".transform..")
        .should().dependOnClassesThat().resideInAnyPackage(ROOT, ROOT + ".frontend..", ROOT + ".plan..",
            ROOT + ".codegen..")
        .check(classes);
  }

  @Test
  void thePlannerDoesNotReadSourceOrPrint() {
    noClasses().that().resideInAPackage(ROOT + ".plan..")
        .should().dependOnClassesThat().resideInAnyPackage(ROOT, ROOT + ".frontend..", ROOT + ".codegen..")
        .check(classes);
  }

  @Test
  void codeGenerationOnlyPrintsThePlan() {
    noClasses().that().resideInAPackage(ROOT + ".codegen..")
        .should().dependOnClassesThat().resideInAnyPackage(ROOT, ROOT + ".frontend..", ROOT + ".transform..")
        .check(classes);
  }
}
