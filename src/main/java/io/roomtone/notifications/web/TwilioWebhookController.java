package io.roomtone.notifications.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.roomtone.notifications.TwilioWebhooks;
import io.roomtone.shared.PublicAddress;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Twilio's two webhooks. Twilio signs the address it called and the form's fields; the address is
 * the public one ({@code ROOMTONE_PUBLIC_URL}) — behind a proxy, the request's own address is not
 * what Twilio called — with the query string it was given.
 */
@Tag(name = "Webhooks")
@RestController
class TwilioWebhookController {

    /** What Twilio reads as "send no reply": Twilio itself confirms STOP and START to the client. */
    static final String EMPTY_TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>";

    private static final UUID NO_STUDIO = new UUID(0, 0);

    private static final String REFUSED = "The `X-Twilio-Signature` is missing or does not verify with the auth token"
            + " of the account the call is about (code `forbidden`); nothing was written.";

    /** The fields of Twilio's incoming-message call that are read (it sends more; all are signed). */
    record IncomingText(
            @JsonProperty("AccountSid") @Schema(description = "the account the text came to") String accountSid,
            @JsonProperty("From") @Schema(description = "the client's number, E.164") String from,
            @JsonProperty("To") @Schema(description = "our number") String to,
            @JsonProperty("MessagingServiceSid") @Schema(description = "our messaging service, if any")
                    String messagingServiceSid,
            @JsonProperty("Body") @Schema(description = "the text") String body,
            @JsonProperty("OptOutType") @Schema(description = "STOP, START or HELP with Twilio's Advanced Opt-Out")
                    String optOutType) {}

    /** The fields of Twilio's status callback that are read. */
    record StatusReport(
            @JsonProperty("AccountSid") String accountSid,
            @JsonProperty("MessageSid") @Schema(description = "the text's SID, as Twilio answered when it was sent")
                    String messageSid,
            @JsonProperty("MessageStatus") @Schema(description = "queued, sent, delivered, undelivered, failed, …")
                    String messageStatus,
            @JsonProperty("ErrorCode") @Schema(description = "Twilio's error code of a failed text") String errorCode,
            @JsonProperty("From") @Schema(description = "our number") String from) {}

    private final TwilioWebhooks webhooks;
    private final PublicAddress address;

    TwilioWebhookController(TwilioWebhooks webhooks, PublicAddress address) {
        this.webhooks = webhooks;
        this.address = address;
    }

    @Operation(
            summary = "Twilio's incoming-message webhook",
            description = "Set it as \"A message comes in\" of the number or messaging service the studio's texts go"
                    + " from (form-encoded, as Twilio sends it). Verified by its `X-Twilio-Signature` with the auth"
                    + " token of the studio's own Twilio account when the call's `AccountSid` (and `To` or"
                    + " `MessagingServiceSid`) is one, else with the installation's: a 403 problem otherwise, and"
                    + " nothing written. A reply of STOP, STOPALL, UNSUBSCRIBE, CANCEL, END or QUIT (any case) turns"
                    + " off the SMS opt-in of every client with the `From` number in the studios that account"
                    + " serves; START, UNSTOP or YES turns it on again. Anything else is ignored. Always an empty"
                    + " TwiML `<Response/>`: Twilio sends the confirmation itself.")
    @SecurityRequirements
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
                            schema = @Schema(implementation = IncomingText.class)))
    @ApiResponse(
            responseCode = "200",
            description = "Acknowledged, with no reply of ours",
            content = @Content(mediaType = "text/xml", schema = @Schema(type = "string", example = EMPTY_TWIML)))
    @ApiResponse(
            responseCode = "403",
            description = REFUSED,
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            schema = @Schema(ref = "#/components/schemas/Problem")))
    @PostMapping(path = TwilioWebhooks.SMS_PATH)
    ResponseEntity<String> twilioIncomingText(
            HttpServletRequest request,
            @Parameter(description = "Twilio's signature of the URL and the form")
                    @RequestHeader(name = "X-Twilio-Signature", required = false)
                    String signature) {
        webhooks.inbound(calledUrl(request), form(request), signature);
        return ResponseEntity.ok().contentType(MediaType.TEXT_XML).body(EMPTY_TWIML);
    }

    @Operation(
            summary = "Twilio's status callback",
            description = "Twilio reports here what became of a text (Roomtone asks for it on every text when"
                    + " `ROOMTONE_PUBLIC_URL` is set; `studio` in the query names the sending studio). Verified as the"
                    + " incoming-message webhook (else 403). `delivered` is recorded on the delivery (`delivered_at`);"
                    + " `failed` and `undelivered` mark it failed with Twilio's `ErrorCode` in `last_error` — for good"
                    + " for 21610 (the number said STOP), 21211 and 21614 (not a valid mobile number) and 30006, else"
                    + " to be sent again after the usual backoff. Other statuses and unknown message SIDs are"
                    + " acknowledged and ignored.")
    @SecurityRequirements
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
                            schema = @Schema(implementation = StatusReport.class)))
    @ApiResponse(responseCode = "200", description = "Acknowledged (recorded, or nothing to record)")
    @ApiResponse(
            responseCode = "403",
            description = REFUSED,
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            schema = @Schema(ref = "#/components/schemas/Problem")))
    @PostMapping(path = TwilioWebhooks.STATUS_PATH)
    ResponseEntity<Void> twilioStatusCallback(
            HttpServletRequest request,
            @Parameter(description = "The sending studio, as Roomtone gave it in the callback's address")
                    @org.springframework.web.bind.annotation.RequestParam(name = "studio", required = false)
                    String studio,
            @Parameter(description = "Twilio's signature of the URL and the form")
                    @RequestHeader(name = "X-Twilio-Signature", required = false)
                    String signature) {
        webhooks.status(calledUrl(request), form(request), signature, studio(request, studio));
        return ResponseEntity.ok().build();
    }

    /** The address Twilio called, as it signed it. */
    private String calledUrl(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String query = request.getQueryString();
        return address.of(path + (query == null ? "" : "?" + query));
    }

    /** The posted form's fields (the first value of each), without those of the query string. */
    private static Map<String, String> form(HttpServletRequest request) {
        Set<String> inQuery = queryNames(request);
        Map<String, String> form = new LinkedHashMap<>();
        request.getParameterMap().forEach((name, values) -> {
            if (!inQuery.contains(name) && values.length > 0) {
                form.put(name, values[0]);
            }
        });
        return form;
    }

    /** The studio named in the callback's address; one that is no id names no studio. */
    private static UUID studio(HttpServletRequest request, String studio) {
        if (studio == null || !queryNames(request).contains("studio")) {
            return null;
        }
        try {
            return UUID.fromString(studio);
        } catch (IllegalArgumentException e) {
            return NO_STUDIO;
        }
    }

    private static Set<String> queryNames(HttpServletRequest request) {
        Set<String> names = new HashSet<>();
        String query = request.getQueryString();
        if (query != null) {
            for (String pair : query.split("&")) {
                String name = pair.split("=", 2)[0];
                try {
                    names.add(URLDecoder.decode(name, StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    names.add(name);
                }
            }
        }
        return names;
    }
}
