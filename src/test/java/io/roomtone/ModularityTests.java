package io.roomtone;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
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
    void writesModuleDocumentation() throws IOException {
        new Documenter(modules, Documenter.Options.defaults().withOutputFolder(DOCUMENTATION)).writeDocumentation();
        try (Stream<Path> files = Files.list(Path.of(DOCUMENTATION))) {
            for (Path diagram :
                    files.filter(f -> f.toString().endsWith(".puml")).toList()) {
                sortRelations(diagram);
            }
        }
    }

    /**
     * The Documenter writes a diagram's relations in hash order, which changes from one JVM to the
     * next; sorted, the committed files change only when a dependency between modules does.
     */
    private static void sortRelations(Path diagram) throws IOException {
        List<String> lines = Files.readAllLines(diagram);
        List<String> sorted = new ArrayList<>();
        List<String> relations = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("Rel(")) {
                relations.add(line);
                continue;
            }
            Collections.sort(relations);
            sorted.addAll(relations);
            relations.clear();
            sorted.add(line);
        }
        Collections.sort(relations);
        sorted.addAll(relations);
        Files.write(diagram, sorted);
    }
}
