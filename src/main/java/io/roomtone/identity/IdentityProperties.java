package io.roomtone.identity;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Accounts configured from the environment and token lifetimes.
 *
 * @param adminEmail first owner created on first start ({@code ROOMTONE_ADMIN_EMAIL})
 * @param adminPassword its password ({@code ROOMTONE_ADMIN_PASSWORD})
 * @param multiStudio lets the platform operator create further studios ({@code ROOMTONE_MULTI_STUDIO})
 * @param operatorEmail the platform operator's login ({@code ROOMTONE_OPERATOR_EMAIL})
 * @param operatorPassword the platform operator's password ({@code ROOMTONE_OPERATOR_PASSWORD})
 * @param sessionTtl how long a sign-in lasts ({@code ROOMTONE_SESSION_TTL})
 * @param invitationTtl how long a staff invitation link works
 * @param adminIdleTimeout an owner's or admin's session ends when unused for this long, however long its
 *     {@code sessionTtl} ({@code ROOMTONE_ADMIN_IDLE_TIMEOUT})
 */
@ConfigurationProperties("roomtone")
public record IdentityProperties(
        String adminEmail,
        String adminPassword,
        @DefaultValue("false") boolean multiStudio,
        String operatorEmail,
        String operatorPassword,
        @DefaultValue("14d") Duration sessionTtl,
        @DefaultValue("7d") Duration invitationTtl,
        @DefaultValue("8h") Duration adminIdleTimeout) {}
