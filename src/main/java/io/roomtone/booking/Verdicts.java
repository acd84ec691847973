package io.roomtone.booking;

import io.roomtone.availability.Verdict;
import io.roomtone.shared.ProblemCode;
import io.roomtone.shared.RoomtoneException;

/** Turns the availability engine's refusals into the API's problems. */
final class Verdicts {

    private Verdicts() {}

    static Verdict.Bookable require(Verdict verdict) {
        if (verdict instanceof Verdict.Bookable bookable) {
            return bookable;
        }
        Verdict.Refused refused = (Verdict.Refused) verdict;
        if ("slot_unavailable".equals(refused.code())) {
            throw new RoomtoneException(ProblemCode.SLOT_UNAVAILABLE, refused.reason());
        }
        throw RoomtoneException.invalid(refused.field(), refused.reason());
    }
}
