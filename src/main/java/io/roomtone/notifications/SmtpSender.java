package io.roomtone.notifications;

import io.roomtone.identity.IdentityProperties;
import io.roomtone.identity.Studio;
import jakarta.activation.FileTypeMap;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.javamail.ConfigurableMimeFileTypeMap;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * E-mail through the studio's own SMTP server when it stored one ({@link StudioMailServer}), else
 * through the installation's, Spring Boot's {@code spring.mail.*} settings ({@code SPRING_MAIL_HOST},
 * {@code SPRING_MAIL_PORT}, {@code SPRING_MAIL_USERNAME}, …). With neither there is nothing to send
 * through and e-mails are kept as skipped.
 */
@Component
class SmtpSender implements Sender {

    /*
     * Two costs of Jakarta Mail that the booking benchmark's profile showed, two thirds of the
     * dispatcher's CPU together: each MimeMultipart and body part looks its stream provider up with a
     * ServiceLoader (slow inside the executable jar) unless this property names it, and Spring's
     * MimeMessageHelper parses mime.types afresh for every message its sender did not create (ours,
     * which carry their own Message-ID; see Letter).
     */
    private static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";

    static {
        if (System.getProperty(STREAM_PROVIDER) == null) {
            // the provider the ServiceLoader finds anyway (angus-mail's), named once
            System.setProperty(STREAM_PROVIDER, "org.eclipse.angus.mail.util.MailStreamProvider");
        }
    }

    /**
     * The way one studio's e-mail goes out.
     *
     * @param own whether it is the studio's own server (else the installation's)
     * @param server the studio's own server; null for the installation's
     */
    record Route(JavaMailSender sender, String from, boolean own, StudioMailServer.Server server) {

        /** Where it goes, as the integrations page says it. */
        String description() {
            if (!own) {
                return "the installation's SMTP server";
            }
            StudioMailServer.Shown shown = server.shown();
            return "the studio's own SMTP server " + shown.host() + ":" + shown.port() + " ("
                    + switch (shown.security()) {
                        case "starttls" -> "STARTTLS";
                        case "ssl" -> "TLS";
                        default -> "unencrypted";
                    }
                    + ")";
        }
    }

    private final ObjectProvider<JavaMailSender> mail;
    private final StudioMailServer servers;
    private final NotificationProperties properties;
    private final IdentityProperties identity;

    SmtpSender(
            ObjectProvider<JavaMailSender> mail,
            StudioMailServer servers,
            NotificationProperties properties,
            IdentityProperties identity) {
        this.mail = mail;
        this.servers = servers;
        this.properties = properties;
        this.identity = identity;
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public boolean configured(UUID studio) {
        return route(studio).isPresent();
    }

    @Override
    public String offReason() {
        return "No SMTP server is configured (set SPRING_MAIL_HOST and SPRING_MAIL_PORT, or store the studio's own"
                + " server on the integrations page)";
    }

    /** Through which server the studio's e-mail goes: its own, else the installation's, else none. */
    Optional<Route> route(UUID studio) {
        Optional<StudioMailServer.Server> own = servers.server(studio);
        if (own.isPresent()) {
            return Optional.of(new Route(own.get().sender(), own.get().shown().fromAddress(), true, own.get()));
        }
        JavaMailSender installation = mail.getIfAvailable();
        return installation == null
                ? Optional.empty()
                : Optional.of(new Route(installation, properties.mail().from(), false, null));
    }

    @Override
    public String send(Outbox.Claimed message, Studio studio) throws Exception {
        Route route = route(studio.id()).orElseThrow(() -> new IOException(offReason()));
        if (route.own()) {
            usable(route.server());
        }
        JavaMailSender sender = route.sender();
        MimeMessage mime =
                sender instanceof JavaMailSenderImpl smtp ? withMessageId(smtp, message) : sender.createMimeMessage();
        boolean multipart = message.html() != null || !message.attachments().isEmpty();
        MimeMessageHelper helper = new Letter(mime, multipart);
        helper.setFrom(new InternetAddress(route.from(), studio.name(), StandardCharsets.UTF_8.name()));
        helper.setTo(message.recipient());
        helper.setSubject(message.subject());
        if (message.html() != null) {
            helper.setText(message.text(), message.html());
        } else {
            helper.setText(message.text());
        }
        for (Message.Attachment attachment : message.attachments()) {
            helper.addAttachment(
                    attachment.filename(), new ByteArrayResource(attachment.content()), attachment.contentType());
        }
        sender.send(mime);
        return null; // SMTP reports nothing back that the log could match
    }

    /**
     * Refuses a studio's server that cannot be used: a password that does not open, or (with several
     * studios) a server on the installation's own network, which one studio must not reach through
     * its settings. The name is resolved here, just before sending, so that a name that later points
     * inside is caught too (a lookup racing the connection's own is not: that needs a firewall).
     */
    private void usable(StudioMailServer.Server server) throws IOException {
        if (server.problem() != null) {
            throw new IOException(server.problem());
        }
        if (!identity.multiStudio() || properties.notifications().studioPrivateHosts()) {
            return;
        }
        for (InetAddress address : InetAddress.getAllByName(server.shown().host())) {
            if (inside(address)) {
                throw new IOException(
                        "The studio's SMTP server " + server.shown().host()
                                + " is on a private network address, which studios of this installation may not use"
                                + " (the operator may allow it: ROOMTONE_NOTIFICATIONS_STUDIO_PRIVATE_HOSTS)");
            }
        }
    }

    /** Whether {@code address} is on this machine or a private network rather than the internet. */
    static boolean inside(InetAddress address) {
        return address.isLoopbackAddress()
                || address.isSiteLocalAddress()
                || address.isLinkLocalAddress()
                || address.isAnyLocalAddress()
                || address.isMulticastAddress()
                // IPv6 unique local addresses (fc00::/7), the IPv6 private networks
                || (address instanceof Inet6Address && (address.getAddress()[0] & 0xfe) == 0xfc);
    }

    /** Spring's helper with one map of file types for every message instead of one parsed per message. */
    private static final class Letter extends MimeMessageHelper {

        private static final FileTypeMap FILE_TYPES = fileTypes();

        Letter(MimeMessage mime, boolean multipart) throws MessagingException {
            super(mime, multipart, StandardCharsets.UTF_8.name());
        }

        @Override
        protected FileTypeMap getDefaultFileTypeMap(MimeMessage mimeMessage) {
            return FILE_TYPES;
        }

        private static FileTypeMap fileTypes() {
            ConfigurableMimeFileTypeMap types = new ConfigurableMimeFileTypeMap();
            types.afterPropertiesSet();
            return types;
        }
    }

    /** One Message-ID per message, whatever the attempt: a receiver can tell a resend from a new mail. */
    private static MimeMessage withMessageId(JavaMailSenderImpl smtp, Outbox.Claimed message) {
        return new MimeMessage(smtp.getSession()) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", "<" + message.id() + "@roomtone>");
            }
        };
    }
}
