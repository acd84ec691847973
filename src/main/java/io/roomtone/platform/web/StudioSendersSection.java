package io.roomtone.platform.web;

import io.roomtone.identity.CurrentUser;
import io.roomtone.identity.Role;
import io.roomtone.notifications.StudioMailServer;
import io.roomtone.notifications.StudioSenders;
import io.roomtone.notifications.StudioSmsAccount;
import io.roomtone.shared.FormInput;
import io.roomtone.shared.RoomtoneException;
import jakarta.servlet.http.HttpServletResponse;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The integrations page's section for the studio's own mail server and SMS account: the owner's
 * forms (post/redirect/get; a refused submit shows the page again with each problem next to its
 * field and nothing saved), what admins see of them, and which way mail and texts go now. Secrets
 * typed here are never shown again, not even after a refused submit.
 */
@Controller
class StudioSendersSection {

    private final StudioMailServer mail;
    private final StudioSmsAccount sms;
    private final StudioSenders senders;
    private final IntegrationsPage page;

    StudioSendersSection(StudioMailServer mail, StudioSmsAccount sms, StudioSenders senders, IntegrationsPage page) {
        this.mail = mail;
        this.sms = sms;
        this.senders = senders;
        this.page = page;
    }

    @PostMapping("/admin/integrations/mail")
    String saveMail(
            @RequestParam MultiValueMap<String, String> typed,
            @AuthenticationPrincipal CurrentUser viewer,
            Model model,
            HttpServletResponse response) {
        FormInput form = new FormInput(typed);
        try {
            mail.save(
                    new StudioMailServer.Settings(
                            form.text("host"),
                            form.text("port"),
                            form.text("security"),
                            form.text("username"),
                            // a password is taken as typed: spaces may belong to it
                            typed.getFirst("password"),
                            form.text("from_address")),
                    viewer);
            return "redirect:/admin/integrations?done=mail-saved";
        } catch (RoomtoneException e) {
            // the password is not typed back into the page
            Map<String, String> values = typedBack(typed, "host", "port", "security", "username", "from_address");
            return refused(e, "mail", values, viewer, model, response);
        }
    }

    @PostMapping("/admin/integrations/mail/remove")
    String removeMail(@AuthenticationPrincipal CurrentUser viewer) {
        mail.remove(viewer);
        return "redirect:/admin/integrations?done=mail-removed";
    }

    @PostMapping("/admin/integrations/sms")
    String saveSms(
            @RequestParam MultiValueMap<String, String> typed,
            @AuthenticationPrincipal CurrentUser viewer,
            Model model,
            HttpServletResponse response) {
        FormInput form = new FormInput(typed);
        try {
            sms.save(
                    new StudioSmsAccount.Settings(
                            form.text("account_sid"), form.text("auth_token"), form.text("sender")),
                    viewer);
            return "redirect:/admin/integrations?done=sms-saved";
        } catch (RoomtoneException e) {
            return refused(e, "sms", typedBack(typed, "account_sid", "sender"), viewer, model, response);
        }
    }

    @PostMapping("/admin/integrations/sms/remove")
    String removeSms(@AuthenticationPrincipal CurrentUser viewer) {
        sms.remove(viewer);
        return "redirect:/admin/integrations?done=sms-removed";
    }

    /** What the section shows; {@code values} are what the owner typed into a refused form. */
    void addTo(Model model, CurrentUser viewer, String form, Map<String, String> values, Map<String, String> problems) {
        var ownMail = mail.shown().orElse(null);
        var ownSms = sms.shown().orElse(null);
        Map<String, String> mailValues = new HashMap<>();
        if (ownMail != null) {
            mailValues.put("host", ownMail.host());
            mailValues.put("port", String.valueOf(ownMail.port()));
            mailValues.put("security", ownMail.security());
            mailValues.put("username", ownMail.username());
            mailValues.put("from_address", ownMail.fromAddress());
        } else {
            mailValues.put("port", "587");
            mailValues.put("security", "starttls");
        }
        Map<String, String> smsValues = new HashMap<>();
        if (ownSms != null) {
            smsValues.put("account_sid", ownSms.accountSid());
            smsValues.put("sender", ownSms.sender());
        }
        if ("mail".equals(form)) {
            mailValues.putAll(values);
        } else if ("sms".equals(form)) {
            smsValues.putAll(values);
        }
        model.addAttribute("ownMail", ownMail);
        model.addAttribute("ownSms", ownSms);
        model.addAttribute("mailSource", senders.mail().json());
        model.addAttribute("smsSource", senders.sms().json());
        model.addAttribute("mailValues", mailValues);
        model.addAttribute("smsValues", smsValues);
        model.addAttribute("senderForm", form);
        model.addAttribute("problems", problems);
        model.addAttribute("sendersStorable", mail.storable());
        model.addAttribute("sendersWhyNot", mail.whyNotStorable());
        model.addAttribute("isOwner", viewer != null && viewer.role() == Role.OWNER);
    }

    private String refused(
            RoomtoneException e,
            String form,
            Map<String, String> values,
            CurrentUser viewer,
            Model model,
            HttpServletResponse response) {
        if (e.fieldProblems().isEmpty()) {
            throw e;
        }
        Map<String, String> problems = new LinkedHashMap<>();
        e.fieldProblems().forEach(p -> problems.putIfAbsent(p.field(), p.message()));
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        return page.render(model, viewer, null, form, values, problems);
    }

    private static Map<String, String> typedBack(MultiValueMap<String, String> typed, String... fields) {
        Map<String, String> values = new HashMap<>();
        for (String field : fields) {
            String value = typed.getFirst(field);
            // a value typed back is capped: a 10 KB paste is refused, not shown again whole
            values.put(field, value == null ? null : value.length() > 300 ? value.substring(0, 300) : value);
        }
        return values;
    }
}
