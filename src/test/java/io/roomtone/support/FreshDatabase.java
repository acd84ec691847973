package io.roomtone.support;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/** Points a test context at a new, empty database on the {@link SharedPostgres} server. */
public class FreshDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestPropertyValues.of(
                        "roomtone.database.url=" + SharedPostgres.newDatabase(), "roomtone.database.user=postgres")
                .applyTo(context);
    }
}
