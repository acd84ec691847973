package io.roomtone.catalog.web;

import io.roomtone.catalog.CalendarProvider;
import io.roomtone.catalog.StaffDraft;
import io.roomtone.catalog.StaffEnrollment;
import io.roomtone.catalog.StaffMember;
import io.roomtone.catalog.StaffMembers;
import io.roomtone.catalog.internal.IcsFeedAccess;
import io.roomtone.catalog.internal.StaffAccess;
import io.roomtone.identity.Studios;
import io.roomtone.identity.Team;
import io.roomtone.shared.FormInput;
import io.roomtone.shared.ProblemCode;
import io.roomtone.shared.RoomtoneException;
import jakarta.servlet.http.HttpServletResponse;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Currency;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The studio's staff: a list, adding someone, an edit form per person, their sign-in invitation and
 * calendar link, and removing them, through {@link StaffMembers} and {@link StaffAccess} (the rules of
 * {@code /api/admin/staff}). The invitation link goes out by mail and is never shown; the calendar
 * link is shown once, on the answer to the POST that made it, and never stored in the clear: no
 * redirect could carry it.
 */
@Controller
@RequestMapping("/admin/staff")
class DeskStaffPage {

    static final List<String> PROVIDERS =
            Arrays.stream(CalendarProvider.values()).map(CalendarProvider::json).toList();

    private final StaffMembers staff;
    private final StaffAccess access;
    private final Studios studios;

    DeskStaffPage(StaffMembers staff, StaffAccess access, Studios studios) {
        this.staff = staff;
        this.access = access;
        this.studios = studios;
    }

    @GetMapping
    String listStaff(@RequestParam(required = false) String done, Model model) {
        model.addAttribute("staff", staff.list(false));
        model.addAttribute("done", DeskForms.done(done));
        return "admin/staff";
    }

    @GetMapping("/new")
    String initCreationForm(Model model) {
        Map<String, String> shown = new LinkedHashMap<>();
        shown.put("active", "on");
        return form(null, shown, Map.of(), model);
    }

    /** Adds someone; unless their account can already sign in, they are mailed an invitation. */
    @PostMapping
    String processCreationForm(
            @RequestParam MultiValueMap<String, String> values, Model model, HttpServletResponse response) {
        FormInput form = new FormInput(values);
        StaffDraft draft = draft(form, new HashSet<>(), false);
        Map<String, String> problems = new LinkedHashMap<>(form.problems());
        if (problems.isEmpty()) {
            try {
                StaffEnrollment enrollment = staff.create(draft);
                return access(enrollment.member(), true, enrollment.invitation(), null, model);
            } catch (RoomtoneException e) {
                refused(e, problems, model);
            }
        }
        return again(null, values, problems, model, response);
    }

    @GetMapping("/{id}")
    String initUpdateForm(@PathVariable String id, @RequestParam(required = false) String saved, Model model) {
        StaffMember member = staff.get(DeskForms.id(id, "staff member"));
        model.addAttribute("saved", saved != null);
        return form(member, shown(member), Map.of(), model);
    }

    @PostMapping("/{id}")
    String processUpdateForm(
            @PathVariable String id,
            @RequestParam MultiValueMap<String, String> values,
            Model model,
            HttpServletResponse response) {
        StaffMember member = staff.get(DeskForms.id(id, "staff member"));
        FormInput form = new FormInput(values);
        Set<String> cleared = new HashSet<>();
        StaffDraft draft = draft(form, cleared, true);
        Map<String, String> problems = new LinkedHashMap<>(form.problems());
        if (problems.isEmpty()) {
            try {
                staff.update(member.id(), draft, cleared);
                return "redirect:/admin/staff/" + member.id() + "?saved";
            } catch (RoomtoneException e) {
                refused(e, problems, model);
            }
        }
        return again(member, values, problems, model, response);
    }

    /** The invitation mail again (its link ends earlier ones; a mail minutes old answers instead). */
    @PostMapping("/{id}/invitation")
    String invite(@PathVariable String id, Model model, HttpServletResponse response) {
        StaffMember member = staff.get(DeskForms.id(id, "staff member"));
        try {
            return access(member, false, access.invite(member.id()), null, model);
        } catch (RoomtoneException e) {
            return refusedOnEditPage(e, member, model, response);
        }
    }

    /** A new calendar feed link (the previous one stops working), shown once. */
    @PostMapping("/{id}/calendar-link")
    String rotateCalendarLink(@PathVariable String id, Model model) {
        StaffMember member = staff.get(DeskForms.id(id, "staff member"));
        IcsFeedAccess feed = access.rotateIcsToken(member.id());
        return access(staff.get(member.id()), false, null, feed, model);
    }

    /** Deactivating keeps the person and their history but assigns them to no new sessions. */
    @PostMapping("/{id}/active")
    String changeActive(
            @PathVariable String id,
            @RequestParam(required = false) String active,
            Model model,
            HttpServletResponse response) {
        StaffMember member = staff.get(DeskForms.id(id, "staff member"));
        boolean activate = "true".equals(active);
        try {
            staff.update(member.id(), new StaffDraft(null, null, null, null, null, activate, null, null));
            return "redirect:/admin/staff?done=" + (activate ? "activated" : "deactivated");
        } catch (RoomtoneException e) {
            return refusedOnEditPage(e, member, model, response);
        }
    }

    @GetMapping("/{id}/delete")
    String confirmDelete(@PathVariable String id, Model model) {
        model.addAttribute("member", staff.get(DeskForms.id(id, "staff member")));
        return "admin/staff-delete";
    }

    @PostMapping("/{id}/delete")
    String delete(@PathVariable String id, Model model, HttpServletResponse response) {
        StaffMember member = staff.get(DeskForms.id(id, "staff member"));
        model.addAttribute("member", member);
        try {
            staff.delete(member.id());
            return "redirect:/admin/staff?done=deleted";
        } catch (RoomtoneException e) {
            if (e.code() != ProblemCode.IN_USE) {
                throw e;
            }
            // upcoming sessions: someone else has to take them first
            model.addAttribute("refusal", e.getMessage());
        } catch (DataIntegrityViolationException e) {
            if (!DeskForms.inUse(e)) {
                throw e;
            }
        }
        // sessions keep who worked them: the way out is deactivating
        response.setStatus(ProblemCode.IN_USE.status());
        model.addAttribute("inUse", true);
        return "admin/staff-delete";
    }

    /**
     * The person as typed. On an edit, a blank name or email is sent as blank so that the service
     * refuses it rather than keeping the old one; blank optional fields are named in {@code cleared}.
     */
    private StaffDraft draft(FormInput form, Set<String> cleared, boolean editing) {
        String email = form.text("email");
        String name = form.text("name");
        List<String> skills = DeskForms.list(form.text("skills"));
        Long rate = form.money("hourly_rate", studios.current().currency());
        Integer commission = commission(form);
        CalendarProvider provider = provider(form);
        if (skills == null) {
            cleared.add("skills");
        }
        if (form.text("hourly_rate") == null) {
            cleared.add("hourly_rate_cents");
        }
        if (provider == null) {
            cleared.add("default_calendar_provider");
        }
        return new StaffDraft(
                editing && email == null ? "" : email,
                editing && name == null ? "" : name,
                skills,
                rate,
                provider,
                form.checkbox("active"),
                null,
                // blank is no commission, as in the API
                commission == null ? 0 : commission);
    }

    /** The commission typed as a percentage ("12.5") in basis points; anything past 100 % is the service's to refuse. */
    private static Integer commission(FormInput form) {
        Long bps = form.scaled("commission_percent", 2);
        if (bps == null) {
            return null;
        }
        if (bps > StaffMembers.MAX_COMMISSION_BPS) {
            form.problem("commission_percent", "must be between 0 and 100");
            return null;
        }
        return bps.intValue();
    }

    private static CalendarProvider provider(FormInput form) {
        String typed = form.text("default_calendar_provider");
        if (typed == null) {
            return null;
        }
        if (!PROVIDERS.contains(typed)) {
            form.problem("default_calendar_provider", "must be one of " + String.join(", ", PROVIDERS));
            return null;
        }
        return CalendarProvider.valueOf(typed.toUpperCase(java.util.Locale.ROOT));
    }

    private static void refused(RoomtoneException e, Map<String, String> problems, Model model) {
        if (e.code() == ProblemCode.NOT_FOUND) {
            throw e;
        }
        // the service counts cents; the form is in the currency's units
        e.fieldProblems()
                .forEach(p -> problems.putIfAbsent(
                        formField(p.field()),
                        p.field().equals("commission_rate_bps") ? "must be between 0 and 100" : p.message()));
        if (e.fieldProblems().isEmpty()) {
            model.addAttribute("refusal", e.getMessage());
            model.addAttribute("refusalStatus", e.code().status());
        }
    }

    private static String formField(String field) {
        return switch (field) {
            case "hourly_rate_cents" -> "hourly_rate";
            case "commission_rate_bps" -> "commission_percent";
            default -> field;
        };
    }

    private String refusedOnEditPage(
            RoomtoneException e, StaffMember member, Model model, HttpServletResponse response) {
        Map<String, String> problems = new LinkedHashMap<>();
        refused(e, problems, model);
        response.setStatus(e.code().status());
        return form(member, shown(member), problems, model);
    }

    private String again(
            StaffMember member,
            MultiValueMap<String, String> values,
            Map<String, String> problems,
            Model model,
            HttpServletResponse response) {
        Object status = model.getAttribute("refusalStatus");
        response.setStatus(status instanceof Integer s ? s : HttpStatus.BAD_REQUEST.value());
        return form(member, DeskForms.typed(values), problems, model);
    }

    private String form(StaffMember member, Map<String, String> shown, Map<String, String> problems, Model model) {
        model.addAttribute("member", member);
        model.addAttribute("values", shown);
        model.addAttribute("problems", problems);
        model.addAttribute("providers", PROVIDERS);
        model.addAttribute("currency", studios.current().currency());
        return "admin/staff-form";
    }

    /** The page after an invitation mail (to whom, "send again") or a new calendar link (shown once). */
    private String access(
            StaffMember member, boolean created, Team.InvitationMailed invitation, IcsFeedAccess feed, Model model) {
        model.addAttribute("member", member);
        model.addAttribute("created", created);
        model.addAttribute("invitation", invitation);
        if (feed != null) {
            // calendar apps subscribe to a full address
            model.addAttribute(
                    "calendarLink",
                    ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString() + feed.icsUrl());
        }
        return "admin/staff-access";
    }

    private static Map<String, String> shown(StaffMember m) {
        Map<String, String> shown = new LinkedHashMap<>();
        shown.put("name", m.name());
        shown.put("email", m.email());
        shown.put("skills", DeskForms.joined(m.skills()));
        if (m.hourlyRateCents() != null) {
            int digits = Math.max(Currency.getInstance(m.currency()).getDefaultFractionDigits(), 0);
            shown.put(
                    "hourly_rate",
                    BigDecimal.valueOf(m.hourlyRateCents(), digits).toPlainString());
        }
        if (m.commissionRateBps() > 0) {
            shown.put(
                    "commission_percent",
                    BigDecimal.valueOf(m.commissionRateBps(), 2)
                            .stripTrailingZeros()
                            .toPlainString());
        }
        if (m.defaultCalendarProvider() != null) {
            shown.put("default_calendar_provider", m.defaultCalendarProvider().json());
        }
        if (m.active()) {
            shown.put("active", "on");
        }
        return shown;
    }
}
