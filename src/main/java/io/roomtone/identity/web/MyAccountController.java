package io.roomtone.identity.web;

import io.roomtone.identity.Accounts;
import io.roomtone.identity.CurrentUser;
import io.roomtone.identity.PhoneNumbers;
import io.roomtone.identity.UserAccount;
import io.roomtone.shared.Patch;
import io.roomtone.shared.RoomtoneException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The signed-in person's own account: their name, phone and consent to texts. */
@Tag(name = "My account", description = "The signed-in person's own profile: name, phone, SMS opt-in")
@RestController
@RequestMapping("/api/me/account")
class MyAccountController {

    private static final Set<String> PATCHABLE = Set.of("name", "phone", "sms_opt_in");

    record AccountView(
            UUID id,
            String name,
            @Schema(description = "null for a client who gave only a phone") String email,
            @Schema(description = "E.164; null when none was given", example = "+14165550199") String phone,
            @Schema(description = "Whether phone numbers are stored encrypted in this installation")
                    boolean phoneEncrypted,
            @Schema(description = "Whether they agreed to texts about their bookings") boolean smsOptIn,
            @Schema(description = "Since when they agree; null while they do not") Instant smsOptInAt) {}

    @Schema(description = "A JSON merge patch (RFC 7396): a field sent as null is cleared, a missing one kept")
    record AccountPatch(
            @Schema(maxLength = 200) String name,
            @Schema(
                            description = "International (E.164): + and the country code, 8 to 15 digits; spaces,"
                                    + " dashes, dots and parentheses are dropped. Clearing it ends the SMS opt-in.",
                            example = "+1 416 555 0199",
                            maxLength = 40)
                    String phone,
            @Schema(description = "true to receive texts about bookings (needs a phone), false to stop")
                    Boolean smsOptIn) {}

    private final Accounts accounts;
    private final PhoneNumbers phones;

    MyAccountController(Accounts accounts, PhoneNumbers phones) {
        this.accounts = accounts;
        this.phones = phones;
    }

    @Operation(summary = "My account", description = "The phone is shown to its owner in full.")
    @GetMapping
    AccountView get(@AuthenticationPrincipal CurrentUser user) {
        return view(accounts.find(user.id()).orElseThrow(() -> RoomtoneException.notFound("user", user.id())));
    }

    @Operation(
            summary = "Change my name, phone or SMS opt-in (JSON merge patch)",
            description = "RFC 7396: a field sent as null is cleared, a missing field is kept. `name` cannot be"
                    + " cleared; `phone` must be international (E.164), else a 400 `validation_failed` naming"
                    + " `phone`; `sms_opt_in: true` needs a phone (a 400 naming `sms_opt_in`) and records when"
                    + " consent was given. Nothing is written on bad input.",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = {
                                @Content(
                                        mediaType = "application/merge-patch+json",
                                        schema = @Schema(implementation = AccountPatch.class)),
                                @Content(
                                        mediaType = "application/json",
                                        schema = @Schema(implementation = AccountPatch.class))
                            }))
    @PatchMapping(consumes = {"application/merge-patch+json", "application/json"})
    AccountView update(@AuthenticationPrincipal CurrentUser user, @RequestBody Map<String, Object> patch) {
        for (String field : patch.keySet()) {
            if (!PATCHABLE.contains(field)) {
                throw RoomtoneException.invalid(field, "is not a known field");
            }
        }
        Object optIn = patch.get("sms_opt_in");
        if (patch.containsKey("sms_opt_in") && !(optIn instanceof Boolean)) {
            throw RoomtoneException.invalid("sms_opt_in", "must be true or false");
        }
        return view(
                accounts.updateOwn(user.id(), Patch.text(patch, "name"), Patch.text(patch, "phone"), (Boolean) optIn));
    }

    private AccountView view(UserAccount account) {
        return new AccountView(
                account.id(),
                account.name(),
                account.email(),
                account.phone(),
                phones.encrypted(),
                account.smsOptIn(),
                account.smsOptInAt());
    }
}
