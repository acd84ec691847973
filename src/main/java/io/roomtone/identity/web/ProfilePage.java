package io.roomtone.identity.web;

import io.roomtone.identity.Accounts;
import io.roomtone.identity.CurrentUser;
import io.roomtone.identity.PhoneNumbers;
import io.roomtone.identity.UserAccount;
import io.roomtone.shared.Patch;
import io.roomtone.shared.RoomtoneException;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The signed-in person's profile page: their name, mobile phone and consent to texts, changed
 * through {@link Accounts#updateOwn} (the rules of {@code PATCH /api/me/account}), post/redirect/get.
 */
@Controller
@RequestMapping("/me/profile")
class ProfilePage {

    /** The form as sent: an unticked box is not sent at all, so a missing {@code smsOptIn} is "no". */
    record ProfileForm(String name, String phone, String smsOptIn) {
        static ProfileForm of(UserAccount account) {
            return new ProfileForm(account.name(), account.phone(), account.smsOptIn() ? "on" : null);
        }

        public boolean optedIn() {
            return smsOptIn != null && !smsOptIn.isBlank();
        }
    }

    private final Accounts accounts;
    private final PhoneNumbers phones;

    ProfilePage(Accounts accounts, PhoneNumbers phones) {
        this.accounts = accounts;
        this.phones = phones;
    }

    @GetMapping
    String showProfile(
            @AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String done, Model model) {
        UserAccount account = mine(user);
        model.addAttribute("saved", "saved".equals(done));
        return render(account, ProfileForm.of(account), Map.of(), model);
    }

    @PostMapping
    String saveProfile(
            @AuthenticationPrincipal CurrentUser user,
            @ModelAttribute ProfileForm form,
            Model model,
            HttpServletResponse response) {
        try {
            accounts.updateOwn(
                    user.id(),
                    form.name() == null ? Patch.keep() : Patch.set(form.name()),
                    form.phone() == null
                            ? Patch.keep()
                            : form.phone().isBlank() ? Patch.clear() : Patch.set(form.phone()),
                    form.optedIn());
            return "redirect:/me/profile?done=saved";
        } catch (RoomtoneException e) {
            if (e.fieldProblems().isEmpty()) {
                throw e;
            }
            Map<String, String> problems = new LinkedHashMap<>();
            e.fieldProblems().forEach(p -> problems.putIfAbsent(fieldOf(p.field()), p.message()));
            response.setStatus(e.code().status());
            model.addAttribute("saved", false);
            return render(mine(user), form, problems, model);
        }
    }

    /** The form's name of an API field. */
    private static String fieldOf(String field) {
        return "sms_opt_in".equals(field) ? "smsOptIn" : field;
    }

    private UserAccount mine(CurrentUser user) {
        return accounts.find(user.id()).orElseThrow(() -> RoomtoneException.notFound("user", user.id()));
    }

    private String render(UserAccount account, ProfileForm form, Map<String, String> problems, Model model) {
        model.addAttribute("account", account);
        model.addAttribute("form", form);
        model.addAttribute("problems", problems);
        model.addAttribute("encrypted", phones.encrypted());
        return "me/profile";
    }
}
