package io.roomtone.availability.internal;

import io.roomtone.availability.Slot;
import io.roomtone.shared.RoomtoneException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * Where the next page of a search starts: at the slots starting at {@code start}, after the first
 * {@code skip} of them. A position in time rather than an index, so a page asked after a booking
 * changed the answer still starts where the client stopped reading, and the cursor is computed from
 * the cached whole answer without recomputing it. Opaque to clients (base64url of
 * {@code 1.<epoch second>.<skip>}; slot starts are whole minutes).
 */
record SearchCursor(Instant start, int skip) {

    private static final String VERSION = "1";
    private static final int MAX_LENGTH = 64;

    /** The cursor of the slot at {@code index} of {@code slots}. */
    static SearchCursor at(List<Slot> slots, int index) {
        Instant start = slots.get(index).startAt();
        int skip = 0;
        while (index - skip > 0 && slots.get(index - skip - 1).startAt().equals(start)) {
            skip++;
        }
        return new SearchCursor(start, skip);
    }

    /** The index in {@code slots} (sorted by start) where this cursor's page begins. */
    int position(List<Slot> slots) {
        int lo = 0;
        int hi = slots.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (slots.get(mid).startAt().isBefore(start)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        for (int skipped = 0;
                skipped < skip && lo < slots.size() && slots.get(lo).startAt().equals(start);
                skipped++) {
            lo++;
        }
        return lo;
    }

    String encode() {
        String text = VERSION + "." + start.getEpochSecond() + "." + skip;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
    }

    /** Reads a cursor this class wrote; anything else is a 400 naming {@code cursor}. */
    static SearchCursor decode(String cursor) {
        if (cursor.length() > MAX_LENGTH) {
            throw invalid();
        }
        try {
            String[] parts =
                    new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII).split("\\.", -1);
            if (parts.length != 3 || !parts[0].equals(VERSION)) {
                throw invalid();
            }
            Instant start = Instant.ofEpochSecond(Long.parseLong(parts[1]));
            int skip = Integer.parseInt(parts[2]);
            if (skip < 0) {
                throw invalid();
            }
            return new SearchCursor(start, skip);
        } catch (IllegalArgumentException | DateTimeException e) {
            // NumberFormatException is an IllegalArgumentException, as are base64 errors
            throw invalid();
        }
    }

    private static RoomtoneException invalid() {
        return RoomtoneException.invalid("cursor", "is not the 'next' of a previous page of this search");
    }
}
