package io.roomtone.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/**
 * A full Roomtone on a random port, on its own fresh database of the shared embedded PostgreSQL,
 * with a first owner, multi-studio mode and a platform operator, driven over real HTTP by {@link Api}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "roomtone.admin-email=" + Api.OWNER_EMAIL,
            "roomtone.admin-password=" + Api.OWNER_PASSWORD,
            "roomtone.multi-studio=true",
            "roomtone.operator-email=" + Api.OPERATOR_EMAIL,
            "roomtone.operator-password=" + Api.OPERATOR_PASSWORD
        })
@ContextConfiguration(initializers = FreshDatabase.class)
@Import({Api.class, AccountMailbox.class})
public @interface RoomtoneTest {}
