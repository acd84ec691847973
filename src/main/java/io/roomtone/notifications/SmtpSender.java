package io.roomtone.notifications;

import io.roomtone.identity.Studio;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * E-mail through the SMTP server of Spring Boot's {@code spring.mail.*} settings
 * ({@code SPRING_MAIL_HOST}, {@code SPRING_MAIL_PORT}, {@code SPRING_MAIL_USERNAME}, …). Without a
 * host there is no {@link JavaMailSender} and e-mails are kept as skipped.
 */
@Component
class SmtpSender implements Sender {

    private final ObjectProvider<JavaMailSender> mail;
    private final NotificationProperties properties;

    SmtpSender(ObjectProvider<JavaMailSender> mail, NotificationProperties properties) {
        this.mail = mail;
        this.properties = properties;
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public boolean configured() {
        return mail.getIfAvailable() != null;
    }

    @Override
    public String offReason() {
        return "No SMTP server is configured (set SPRING_MAIL_HOST and SPRING_MAIL_PORT)";
    }

    @Override
    public void send(Outbox.Claimed message, Studio studio) throws Exception {
        JavaMailSender sender = mail.getObject();
        MimeMessage mime =
                sender instanceof JavaMailSenderImpl smtp ? withMessageId(smtp, message) : sender.createMimeMessage();
        boolean multipart = message.html() != null || !message.attachments().isEmpty();
        MimeMessageHelper helper = new MimeMessageHelper(mime, multipart, StandardCharsets.UTF_8.name());
        helper.setFrom(new InternetAddress(properties.mail().from(), studio.name(), StandardCharsets.UTF_8.name()));
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
