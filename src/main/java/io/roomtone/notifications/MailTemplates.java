package io.roomtone.notifications;

import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders a message from {@code templates/mail/<name>.html} and {@code .txt} (the plain-text part
 * every e-mail carries, and the text of an SMS), with the texts of {@code messages/mail}. The
 * subject is the message {@code mail.<name>.subject}, formatted with the template's
 * {@code subject} arguments.
 */
@Component
class MailTemplates {

    private final SpringTemplateEngine html = new SpringTemplateEngine();
    private final SpringTemplateEngine text = new SpringTemplateEngine();
    private final MessageSource messages;

    MailTemplates(MessageSource messages) {
        this.messages = messages;
        html.setTemplateResolver(resolver(".html", TemplateMode.HTML));
        html.setTemplateEngineMessageSource(messages);
        text.setTemplateResolver(resolver(".txt", TemplateMode.TEXT));
        text.setTemplateEngineMessageSource(messages);
    }

    private static ClassLoaderTemplateResolver resolver(String suffix, TemplateMode mode) {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("templates/mail/");
        resolver.setSuffix(suffix);
        resolver.setTemplateMode(mode);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        return resolver;
    }

    Message.Rendered email(String template, Map<String, Object> variables, Object[] subject, Locale locale) {
        Context context = new Context(locale, variables);
        return new Message.Rendered(
                messages.getMessage("mail." + template + ".subject", subject, locale),
                text.process(template, context).strip() + "\n",
                html.process(template, context));
    }

    /** An SMS: the plain text of {@code templates/mail/sms/<name>.txt}. */
    Message.Rendered sms(String template, Map<String, Object> variables, Locale locale) {
        return new Message.Rendered(
                null,
                text.process("sms/" + template, new Context(locale, variables)).strip(),
                null);
    }
}
