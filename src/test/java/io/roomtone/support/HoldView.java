package io.roomtone.support;

import java.util.List;

/** A placed hold ({@code POST /api/holds}). */
public record HoldView(String holdId, String expiresAt, List<String> staffIds) {}
