package io.roomtone.availability.engine;

import static com.tngtech.archunit.base.DescribedPredicate.or;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.roomtone.availability.Slot;
import io.roomtone.availability.Verdict;

/**
 * The slot engine stays pure: plain Java values in, values out. What it may not reach is what would
 * make it need a database, a container or a network to be tested, or tie it to another module's
 * types (the mapping from catalog and scheduling lives in {@code availability.internal}).
 */
@AnalyzeClasses(packages = "io.roomtone.availability.engine", importOptions = ImportOption.DoNotIncludeTests.class)
class SlotEngineArchitectureTests {

    private static final String ENGINE = "io.roomtone.availability.engine..";

    @ArchTest
    static final ArchRule usesNeitherSpringNorJdbc = noClasses()
            .that()
            .resideInAPackage(ENGINE)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.springframework..", "java.sql..", "javax.sql..", "jakarta..")
            .because("the engine is pure Java: no Spring, no I/O");

    @ArchTest
    static final ArchRule usesNoOtherModule = noClasses()
            .that()
            .resideInAPackage(ENGINE)
            .should()
            .dependOnClassesThat(resideInAnyPackage("io.roomtone..")
                    .and(resideInAnyPackage("io.roomtone.shared..", "io.roomtone.availability..")
                            .negate()))
            .because("catalog and scheduling types are mapped to the engine's own values outside it");

    /**
     * A whitelist closes the gaps of the rules above (files, sockets, other libraries): the JDK's
     * language, collections and time, the shared values, and the module's own result records.
     */
    @ArchTest
    static final ArchRule usesOnlyPlainValues = classes()
            .that()
            .resideInAPackage(ENGINE)
            .should()
            .onlyDependOnClassesThat(or(
                    resideInAnyPackage("java.lang..", "java.util..", "java.time..", "io.roomtone.shared..", ENGINE),
                    belongToAnyOf(Slot.class, Verdict.class)))
            .because("the engine answers with the module's Slot and Verdict records and needs nothing else");
}
