package io.roomtone.identity;

import static io.roomtone.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.roomtone.support.Api;
import io.roomtone.support.RoomtoneTest;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * bcrypt is slow on purpose; while it runs, a sign-in or registration must hold no database
 * connection (no transaction), or a burst of them exhausts the pool for everyone.
 */
@RoomtoneTest
class PasswordHashingTests {

    /** Every hash or comparison made, and whether a transaction was open meanwhile. */
    static final List<String> CALLS = new CopyOnWriteArrayList<>();

    @TestConfiguration
    static class Watching {
        @Bean
        static BeanPostProcessor watchPasswordEncoder() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    return bean instanceof PasswordEncoder encoder ? new WatchedEncoder(encoder) : bean;
                }
            };
        }
    }

    record WatchedEncoder(PasswordEncoder delegate) implements PasswordEncoder {
        @Override
        public String encode(CharSequence raw) {
            record("encode");
            return delegate.encode(raw);
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            record("matches");
            return delegate.matches(raw, encoded);
        }

        @Override
        public boolean upgradeEncoding(String encoded) {
            return delegate.upgradeEncoding(encoded);
        }

        private static void record(String what) {
            CALLS.add(
                    what + (TransactionSynchronizationManager.isActualTransactionActive() ? " in a transaction" : ""));
        }
    }

    @Autowired
    Api api;

    @BeforeEach
    void forget() {
        CALLS.clear();
    }

    @Test
    void registrationHashesThePasswordOutsideAnyTransaction() {
        String email = "hashed-" + UUID.randomUUID() + "@example.test";
        api.post("/api/auth/register", json("email", email, "password", "long-enough", "name", "A"), null)
                .expect(202);

        assertThat(CALLS).containsExactly("encode");
    }

    @Test
    void signingInComparesThePasswordOutsideAnyTransaction() {
        assertThat(api.login(Api.OWNER_EMAIL, Api.OWNER_PASSWORD, null)).isNotBlank();
        api.post("/api/auth/login", json("email", Api.OWNER_EMAIL, "password", "wrong-password"), null)
                .expect(401);
        api.post("/api/auth/login", json("email", "nobody@example.test", "password", "whatever"), null)
                .expect(401, "an unknown email is compared with the decoy hash, just as slowly");

        assertThat(CALLS).containsExactly("matches", "matches", "matches");
    }
}
