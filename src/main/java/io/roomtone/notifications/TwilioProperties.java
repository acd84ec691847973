package io.roomtone.notifications;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Twilio, the SMS provider ({@code ROOMTONE_TWILIO_ACCOUNT_SID}, {@code ROOMTONE_TWILIO_AUTH_TOKEN},
 * {@code ROOMTONE_TWILIO_FROM}); SMS is on when all three are set (and phone numbers can be kept
 * encrypted: {@code ROOMTONE_ENCRYPTION_KEY}).
 *
 * @param from the sender: a phone number in E.164 form, or a messaging service ({@code MG…})
 * @param apiBase where Twilio's API is reached; set only to point it elsewhere (tests)
 */
@ConfigurationProperties("roomtone.twilio")
record TwilioProperties(String accountSid, String authToken, String from, URI apiBase) {

    boolean configured() {
        return present(accountSid) && present(authToken) && present(from);
    }

    boolean fromMessagingService() {
        return from != null && from.startsWith("MG");
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
