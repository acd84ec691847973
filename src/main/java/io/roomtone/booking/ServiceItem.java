package io.roomtone.booking;

import java.util.UUID;

/** A service asked for in a booking or quote, and how many of it. */
public record ServiceItem(UUID serviceId, Integer qty) {}
