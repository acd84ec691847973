package io.roomtone.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class RateLimitPropertiesTests {

    private static RateLimitProperties fromEnvironment(Map<String, Object> variables) {
        ApplicationConversionService conversions = new ApplicationConversionService();
        conversions.addConverter(new RateLimitProperties.LimitConverter());
        var environment = new SystemEnvironmentPropertySource("environment", variables);
        return new Binder(ConfigurationPropertySources.from(environment), null, conversions)
                .bindOrCreate("roomtone.rate-limits", RateLimitProperties.class);
    }

    @Test
    void defaultsSuitAStudio() {
        RateLimitProperties defaults = fromEnvironment(Map.of());

        assertThat(defaults.enabled()).isTrue();
        assertThat(defaults.loginPerIp()).isEqualTo(new RateLimitProperties.Limit(10, Duration.ofMinutes(1)));
        assertThat(defaults.loginPerEmail()).isEqualTo(new RateLimitProperties.Limit(5, Duration.ofMinutes(1)));
        assertThat(defaults.registerPerIp()).isEqualTo(new RateLimitProperties.Limit(30, Duration.ofHours(1)));
        assertThat(defaults.bookingPerIp()).isEqualTo(new RateLimitProperties.Limit(120, Duration.ofMinutes(1)));
        assertThat(defaults.bookingPerUser()).isEqualTo(new RateLimitProperties.Limit(30, Duration.ofMinutes(1)));
        assertThat(defaults.searchPerIp()).isEqualTo(new RateLimitProperties.Limit(600, Duration.ofMinutes(1)));
    }

    @Test
    void environmentVariablesSetLimitsAndTheSwitch() {
        RateLimitProperties configured = fromEnvironment(Map.of(
                "ROOMTONE_RATE_LIMITS_ENABLED", "false",
                "ROOMTONE_RATE_LIMITS_LOGIN_PER_EMAIL", "3/15m",
                "ROOMTONE_RATE_LIMITS_BOOKING_PER_USER", " 60 / 90s "));

        assertThat(configured.enabled()).isFalse();
        assertThat(configured.loginPerEmail()).isEqualTo(new RateLimitProperties.Limit(3, Duration.ofMinutes(15)));
        assertThat(configured.bookingPerUser()).isEqualTo(new RateLimitProperties.Limit(60, Duration.ofSeconds(90)));
        assertThat(configured.loginPerIp()).isEqualTo(new RateLimitProperties.Limit(10, Duration.ofMinutes(1)));
    }

    @Test
    void nonsenseIsRefusedAtStart() {
        assertThatThrownBy(() -> fromEnvironment(Map.of("ROOMTONE_RATE_LIMITS_LOGIN_PER_IP", "10 per minute")))
                .isInstanceOf(BindException.class);
        assertThatThrownBy(() -> fromEnvironment(Map.of("ROOMTONE_RATE_LIMITS_LOGIN_PER_IP", "0/1m")))
                .isInstanceOf(BindException.class);
    }

    @Test
    void limitsPrintAsTheyAreWritten() {
        assertThat(RateLimitProperties.Limit.parse("10/60s")).hasToString("10/1m");
        assertThat(RateLimitProperties.Limit.parse("30/1h")).hasToString("30/1h");
        assertThat(RateLimitProperties.Limit.parse("5/90s")).hasToString("5/90s");
        assertThat(RateLimitProperties.Limit.parse("5/1500ms")).hasToString("5/1500ms");
    }

    @Test
    void aChangedLimitStartsNewBuckets() {
        assertThat(RateLimitProperties.Limit.parse("10/1m").fingerprint())
                .isEqualTo(RateLimitProperties.Limit.parse("10/60s").fingerprint())
                .isNotEqualTo(RateLimitProperties.Limit.parse("5/1m").fingerprint());
    }
}
