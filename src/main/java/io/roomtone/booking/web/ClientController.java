package io.roomtone.booking.web;

import io.roomtone.booking.ClientHistory;
import io.roomtone.identity.Clients;
import io.roomtone.identity.UserAccount;
import io.roomtone.shared.Patch;
import io.roomtone.shared.RoomtoneException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The studio's clients. In the booking module because a client's page shows their bookings; the
 * accounts themselves are identity's ({@link Clients}).
 */
@Tag(name = "Clients (admin)", description = "Search, create and correct the studio's clients")
@RestController
@RequestMapping("/api/admin/clients")
class ClientController {

    private static final Set<String> PATCHABLE = Set.of("name", "email", "phone");

    @Schema(
            description = "A new client: a name, and an e-mail address, a phone or both (a walk-in may give only a"
                    + " phone)")
    record NewClient(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 200) String name,
            @Schema(
                            description = "Optional when a phone is given; unique in the studio. A client without one"
                                    + " cannot sign in until they have one.",
                            format = "email",
                            maxLength = 254)
                    String email,
            @Schema(
                            description = "Optional when an e-mail is given; international (E.164): + and the country"
                                    + " code, 8 to 15 digits; spaces, dashes, dots and parentheses are dropped",
                            example = "+1 416 555 0199",
                            maxLength = 40)
                    String phone) {}

    record ClientView(
            UUID id,
            String name,
            @Schema(description = "null for a client who gave only a phone") String email,
            @Schema(description = "null for a client who gave only an e-mail; E.164", example = "+14165550199")
                    String phone,
            @Schema(description = "Whether the client agreed to texts about their bookings (they set it themselves)")
                    boolean smsOptIn,
            @Schema(description = "Since when they agree; null while they do not") java.time.Instant smsOptInAt) {
        static ClientView of(UserAccount account) {
            return new ClientView(
                    account.id(),
                    account.name(),
                    account.email(),
                    account.phone(),
                    account.smsOptIn(),
                    account.smsOptInAt());
        }
    }

    record ClientPage(List<ClientView> items, Integer nextOffset) {}

    record ClientDetails(
            UUID id,
            String name,
            @Schema(description = "null for a client who gave only a phone") String email,
            String phone,
            boolean smsOptIn,
            java.time.Instant smsOptInAt,
            long bookingsCount,
            long upcomingCount,
            long totalCents,
            String currency) {}

    @Schema(description = "A JSON merge patch (RFC 7396): a field sent as null is cleared, a missing one kept")
    record ClientPatch(String name, String email, String phone) {}

    private final Clients clients;
    private final ClientHistory history;

    ClientController(Clients clients, ClientHistory history) {
        this.clients = clients;
        this.history = history;
    }

    @Operation(
            summary = "Search clients by name, e-mail or phone",
            description = "Case-insensitive substring search; a phone also matches by its digits. Sorted by name."
                    + " Pages: `limit` (1-200, default 50) from `offset`; `next_offset` is the offset of the next"
                    + " page, null on the last one.")
    @GetMapping
    ClientPage search(
            @RequestParam(required = false) String q,
            @RequestParam(defaultValue = "0") int offset,
            @RequestParam(defaultValue = "50") int limit) {
        Clients.Page page = clients.search(q, offset, limit);
        return new ClientPage(
                page.items().stream().map(ClientView::of).toList(),
                page.nextOffset().orElse(null));
    }

    @Operation(
            summary = "Create a client (phone and walk-in bookings)",
            description = "No password: the studio books for them. A name and an e-mail, a phone or both: a walk-in"
                    + " who gives only a name and a phone is a client too (without an e-mail they cannot sign in)."
                    + " Neither an e-mail nor a phone is a 400 `validation_failed` naming both fields; an e-mail address already used in"
                    + " the studio is a 409.")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    ClientView create(@RequestBody NewClient body) {
        return ClientView.of(clients.create(body.name(), body.email(), body.phone()));
    }

    @Operation(
            summary = "A client's contact details and booking totals",
            description = "`bookings_count` counts every booking, `upcoming_count` those not started yet that await"
                    + " approval or are confirmed, `total_cents` the totals of confirmed and completed ones in the"
                    + " studio's currency.")
    @GetMapping("/{id}")
    ClientDetails get(@PathVariable UUID id) {
        UserAccount client = clients.find(id).orElseThrow(() -> RoomtoneException.notFound("client", id));
        ClientHistory.Summary summary = history.of(id);
        return new ClientDetails(
                client.id(),
                client.name(),
                client.email(),
                client.phone(),
                client.smsOptIn(),
                client.smsOptInAt(),
                summary.bookings(),
                summary.upcoming(),
                summary.totalCents(),
                summary.currency());
    }

    @Operation(
            summary = "Correct a client's contact details (JSON merge patch)",
            description = "RFC 7396: a field sent as null is cleared, a missing field is kept. `name` cannot be"
                    + " cleared; `email` and `phone` can, but not both: clearing the last of them is a 400 naming the"
                    + " field. Clearing the e-mail ends the client's sessions (they sign in with it).",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = {
                                @Content(
                                        mediaType = "application/merge-patch+json",
                                        schema = @Schema(implementation = ClientPatch.class)),
                                @Content(
                                        mediaType = "application/json",
                                        schema = @Schema(implementation = ClientPatch.class))
                            }))
    @PatchMapping(
            path = "/{id}",
            consumes = {"application/merge-patch+json", "application/json"})
    ClientView update(@PathVariable UUID id, @RequestBody Map<String, Object> patch) {
        for (String field : patch.keySet()) {
            if (!PATCHABLE.contains(field)) {
                throw RoomtoneException.invalid(field, "is not a known field");
            }
        }
        return ClientView.of(
                clients.update(id, Patch.text(patch, "name"), Patch.text(patch, "email"), Patch.text(patch, "phone")));
    }
}
