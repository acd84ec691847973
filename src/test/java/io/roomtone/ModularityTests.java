package io.roomtone;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.RestController;

/** Keeps the module boundaries of DESIGN.md honest and writes the module documentation. */
class ModularityTests {

    /**
     * Committed, so that a reader sees the module graph without running anything; relative to the
     * project root, where Maven runs the tests. The folder is emptied and rewritten on every run, so
     * it must hold nothing but generated files.
     */
    static final String DOCUMENTATION = "docs/modules";

    private final ApplicationModules modules = ApplicationModules.of(RoomtoneApplication.class);

    @Test
    void modulesOnlyUseWhatTheyAreAllowedTo() {
        modules.verify();
    }

    /**
     * Controllers translate HTTP to a module's services; transactions, SQL and locks live in those
     * services, where other callers (jobs, other modules) get the same guarantees.
     */
    @Test
    void controllersLeaveTransactionsAndSqlToServices() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.roomtone");
        noClasses()
                .that()
                .areAnnotatedWith(Controller.class)
                .or()
                .areAnnotatedWith(RestController.class)
                .should()
                .dependOnClassesThat()
                .areAssignableTo(JdbcClient.class)
                .orShould()
                .dependOnClassesThat()
                .areAssignableTo(TransactionTemplate.class)
                .orShould()
                .dependOnClassesThat()
                .areAssignableTo(PlatformTransactionManager.class)
                .orShould()
                .dependOnClassesThat()
                .areAssignableTo(Transactional.class)
                .check(classes);
    }

    @Test
    void writesModuleDocumentation() {
        new Documenter(modules, Documenter.Options.defaults().withOutputFolder(DOCUMENTATION)).writeDocumentation();
    }
}
