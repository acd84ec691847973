package io.roomtone;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/** Keeps the module boundaries of DESIGN.md honest and writes the module documentation. */
class ModularityTests {

    private final ApplicationModules modules = ApplicationModules.of(RoomtoneApplication.class);

    @Test
    void modulesOnlyUseWhatTheyAreAllowedTo() {
        modules.verify();
    }

    @Test
    void writesModuleDocumentation() {
        new Documenter(modules).writeDocumentation().writeIndividualModulesAsPlantUml();
    }
}
