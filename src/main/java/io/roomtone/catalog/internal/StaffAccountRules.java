package io.roomtone.catalog.internal;

import io.roomtone.identity.UserAccount;
import io.roomtone.shared.ProblemCode;
import io.roomtone.shared.RoomtoneException;

/**
 * What staff administration may not do to the account behind a staff profile. Public only for the
 * catalog's own root services ({@code StaffMembers}); other modules cannot reach this package.
 */
public final class StaffAccountRules {

    private StaffAccountRules() {}

    /**
     * Staff administration must not become a way into a more powerful account: the password and
     * email of an owner or admin who also works as staff are theirs to change, not their colleagues'.
     */
    public static void requireManageable(UserAccount account, String what) {
        if (account.role().isAdmin()) {
            throw new RoomtoneException(
                    ProblemCode.FORBIDDEN,
                    "The " + what + " of an owner's or admin's account cannot be set through staff administration.");
        }
    }

    /**
     * Nor into anyone else's: once an account has a password (its holder signed up as a client, or
     * chose one through an invitation), the password is the holder's to manage. Staff administration
     * sets one only for an account that has none yet.
     */
    public static void requirePasswordless(boolean hasPassword) {
        if (hasPassword) {
            throw new RoomtoneException(
                    ProblemCode.FORBIDDEN,
                    "The account holder manages their own password; staff administration can set one only for"
                            + " an account that has none yet.");
        }
    }
}
