package io.roomtone.support;

import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A real SMTP server (GreenMail) on a free local port, and the settings that point Roomtone at it.
 * A test class keeps one in a static field, starts it before its tests and registers it from its
 * {@code @DynamicPropertySource}; {@link #stop()} and {@link #start()} take it down and bring it
 * back on the same port, the way an outage looks to the application.
 */
public final class TestSmtp {

    /** The sender address every test installation uses. */
    public static final String FROM = "bookings@roomtone.test";

    private final int port = freePort();
    private final GreenMail server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    public int port() {
        return port;
    }

    public void start() {
        server.start();
    }

    public void stop() {
        server.stop();
    }

    /** Points mail at this server and dispatches every half second, retrying after a second or two. */
    public void register(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> port);
        registry.add("roomtone.mail.from", () -> FROM);
        registry.add("roomtone.notifications.dispatch-interval", () -> "PT0.5S");
        registry.add("roomtone.notifications.retry-base", () -> "PT1S");
        registry.add("roomtone.notifications.retry-cap", () -> "PT2S");
    }

    /** The same settings, as {@code key=value} lines for a second application node. */
    public String[] properties() {
        return new String[] {
            "spring.mail.host=127.0.0.1",
            "spring.mail.port=" + port,
            "roomtone.mail.from=" + FROM,
            "roomtone.notifications.dispatch-interval=PT0.5S",
            "roomtone.notifications.retry-base=PT1S",
            "roomtone.notifications.retry-cap=PT2S"
        };
    }

    /** Every mail received so far to {@code address} whose subject contains {@code subject}. */
    public List<MimeMessage> received(String address, String subject) {
        return Arrays.stream(server.getReceivedMessages())
                .filter(m -> to(m, address) && subject(m).contains(subject))
                .toList();
    }

    /** The one mail to {@code address} whose subject contains {@code subject}, waiting for it to arrive. */
    public MimeMessage mailTo(String address, String subject) {
        return await().atMost(Duration.ofSeconds(30))
                .until(() -> received(address, subject), found -> found.size() == 1)
                .get(0);
    }

    /** Every mail received so far. */
    public MimeMessage[] all() {
        return server.getReceivedMessages();
    }

    private static boolean to(MimeMessage message, String address) {
        try {
            Address[] recipients = message.getAllRecipients();
            return recipients != null
                    && Arrays.stream(recipients).anyMatch(r -> r.toString().contains(address));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
