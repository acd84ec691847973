package io.roomtone.identity;

import java.time.ZoneId;
import java.util.UUID;

/** A studio: the tenant every booking, room and client belongs to. */
public record Studio(UUID id, String slug, String name, ZoneId timezone, String currency, boolean isDefault) {}
