package io.roomtone.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

/** The field rules of a studio's own senders, and which servers count as the installation's own network. */
class StudioSenderRulesTests {

    @Test
    void hostNamesAreDnsNamesOfAtMost253Characters() {
        assertThat(SenderFields.hostName("smtp.example.com")).isTrue();
        assertThat(SenderFields.hostName("a")).isTrue();
        assertThat(SenderFields.hostName("192.0.2.10")).isTrue();
        assertThat(SenderFields.hostName("x".repeat(63) + ".com")).isTrue();
        assertThat(SenderFields.hostName("x".repeat(64) + ".com")).isFalse();
        assertThat(SenderFields.hostName(("a".repeat(62) + ".").repeat(4) + "com"))
                .as("255 characters")
                .isFalse();
        assertThat(SenderFields.hostName("")).isFalse();
        assertThat(SenderFields.hostName("smtp_1.example.com")).isFalse();
        assertThat(SenderFields.hostName("smtp.example.com.")).isFalse();
        assertThat(SenderFields.hostName("-a.example.com")).isFalse();
        assertThat(SenderFields.hostName("a-.example.com")).isFalse();
        assertThat(SenderFields.hostName("[::1]")).isFalse();
        assertThat(SenderFields.hostName("smtp.example.com\nx")).isFalse();
    }

    @Test
    void senderAddressesArePlainAddressesOnAHostWithADot() {
        assertThat(SenderFields.emailAddress("bookings@studio.example")).isTrue();
        assertThat(SenderFields.emailAddress("first.last+desk@studio.example")).isTrue();
        assertThat(SenderFields.emailAddress("bookings@localhost")).isFalse();
        assertThat(SenderFields.emailAddress("@studio.example")).isFalse();
        assertThat(SenderFields.emailAddress("a b@studio.example")).isFalse();
        assertThat(SenderFields.emailAddress("a@b@studio.example")).isFalse();
        assertThat(SenderFields.emailAddress("x".repeat(65) + "@studio.example"))
                .isFalse();
        assertThat(SenderFields.emailAddress("a@studio.example\r\nBcc: x@y.z")).isFalse();
        assertThat(SenderFields.emailAddress(null)).isFalse();
    }

    @Test
    void secretsShowTheirLastFourCharacters() {
        assertThat(SenderFields.hint("correct horse")).isEqualTo("orse");
        assertThat(SenderFields.hint("abc")).isEqualTo("abc");
    }

    @Test
    void loopbackPrivateAndLinkLocalAddressesAreInside() throws UnknownHostException {
        for (String inside : new String[] {
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "0.0.0.0",
            "::1",
            "fd00::1",
            "fe80::1"
        }) {
            assertThat(SmtpSender.inside(InetAddress.getByName(inside)))
                    .as(inside)
                    .isTrue();
        }
        for (String outside : new String[] {"192.0.2.10", "8.8.8.8", "2001:db8::1"}) {
            assertThat(SmtpSender.inside(InetAddress.getByName(outside)))
                    .as(outside)
                    .isFalse();
        }
    }
}
