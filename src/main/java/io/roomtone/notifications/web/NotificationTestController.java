package io.roomtone.notifications.web;

import io.roomtone.identity.CurrentUser;
import io.roomtone.notifications.Channel;
import io.roomtone.notifications.Delivery;
import io.roomtone.notifications.TestMessages;
import io.roomtone.shared.RoomtoneException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Deliveries (admin)")
@RestController
class NotificationTestController {

    record TestRequest(String channel) {}

    private final TestMessages tests;

    NotificationTestController(TestMessages tests) {
        this.tests = tests;
    }

    @Operation(
            summary = "Send me a test message",
            description = "Writes a test message to the signed-in admin's own address (`email`) or phone (`sms`, the"
                    + " number of their profile) and answers its delivery: follow it in the delivery log. At most one"
                    + " per person and channel a minute; asking again within the minute answers the same message."
                    + " Without an SMTP server the e-mail is kept as `skipped`; with SMS off, or without a phone"
                    + " number, `sms` is a 400 naming `channel` and saying why.")
    @PostMapping("/api/notifications/test")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Delivery test(@RequestBody TestRequest body, @AuthenticationPrincipal CurrentUser user) {
        if (body == null || body.channel() == null) {
            throw RoomtoneException.invalid("channel", "is required (email or sms)");
        }
        return tests.send(user, Channel.parse("channel", body.channel()));
    }
}
