package io.roomtone.payments;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/**
 * A port the owner of purchase references implements (the booking module: a booking's code), so
 * that a bookkeeper's list of differences can name what each reference is without payments knowing
 * about bookings. Implementations read in the current studio and leave out references they do not own.
 */
public interface ReferenceLabels {

    /** A short label (a booking's code) for each reference known here. */
    Map<UUID, String> labels(Collection<UUID> references);
}
