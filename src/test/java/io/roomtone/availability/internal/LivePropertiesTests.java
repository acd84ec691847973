package io.roomtone.availability.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** The limits as the README names them: environment variables, with defaults when unset. */
class LivePropertiesTests {

    @Test
    void environmentVariablesSetTheLimits() {
        LiveProperties live = bind(Map.of(
                "ROOMTONE_LIVE_STREAMS", "5",
                "ROOMTONE_LIVE_STREAMS_PER_CLIENT", "3",
                "ROOMTONE_LIVE_HEARTBEAT", "5s",
                "ROOMTONE_LIVE_TIMEOUT", "10m"));

        assertThat(live).isEqualTo(new LiveProperties(5, 3, Duration.ofSeconds(5), Duration.ofMinutes(10)));
    }

    @Test
    void unsetTheDefaultsHold() {
        assertThat(bind(Map.of("OTHER", "1")))
                .isEqualTo(new LiveProperties(2000, 8, Duration.ofSeconds(20), Duration.ofMinutes(30)));
    }

    private static LiveProperties bind(Map<String, Object> environment) {
        MutablePropertySources sources = new MutablePropertySources();
        sources.addFirst(new SystemEnvironmentPropertySource("env", environment));
        return new Binder(ConfigurationPropertySources.from(sources))
                .bindOrCreate("roomtone.live", LiveProperties.class);
    }
}
