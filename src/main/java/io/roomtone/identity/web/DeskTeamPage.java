package io.roomtone.identity.web;

import io.roomtone.identity.CurrentUser;
import io.roomtone.identity.Role;
import io.roomtone.identity.Team;
import io.roomtone.shared.ProblemCode;
import io.roomtone.shared.RoomtoneException;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The owner's team page: who works here in which role, inviting admins and staff, changing roles and
 * removing access, through {@link Team} (the rules of {@code /api/admin/team}: only an owner changes
 * the team, the last owner stays). Admins see the team but not the forms.
 */
@Controller
@RequestMapping("/admin/team")
class DeskTeamPage {

    record InviteForm(String email, String name, String role) {}

    private final Team team;

    DeskTeamPage(Team team) {
        this.team = team;
    }

    @GetMapping
    String showTeam(
            @RequestParam(required = false) String done, @AuthenticationPrincipal CurrentUser viewer, Model model) {
        model.addAttribute("done", done);
        return page(new InviteForm("", "", "staff"), Map.of(), viewer, model);
    }

    @PostMapping("/invitations")
    String invite(
            @ModelAttribute InviteForm form,
            @AuthenticationPrincipal CurrentUser viewer,
            Model model,
            HttpServletResponse response) {
        try {
            Team.Invited invited = team.invite(viewer, form.email(), form.name(), form.role());
            // the invitation link goes out by mail (AccountEvents.StaffInvited), never on a page
            model.addAttribute("invited", invited);
            return page(new InviteForm("", "", "staff"), Map.of(), viewer, model);
        } catch (RoomtoneException e) {
            return refused(e, form, viewer, model, response);
        }
    }

    @PostMapping("/{userId}/role")
    String changeRole(
            @PathVariable UUID userId,
            @RequestParam(required = false) String role,
            @AuthenticationPrincipal CurrentUser viewer,
            Model model,
            HttpServletResponse response) {
        try {
            team.changeRole(viewer, userId, role);
            return "redirect:/admin/team?done=role";
        } catch (RoomtoneException e) {
            return refused(e, new InviteForm("", "", "staff"), viewer, model, response);
        }
    }

    @PostMapping("/{userId}/remove")
    String remove(
            @PathVariable UUID userId,
            @AuthenticationPrincipal CurrentUser viewer,
            Model model,
            HttpServletResponse response) {
        try {
            team.remove(viewer, userId);
            return "redirect:/admin/team?done=removed";
        } catch (RoomtoneException e) {
            return refused(e, new InviteForm("", "", "staff"), viewer, model, response);
        }
    }

    private String refused(
            RoomtoneException e, InviteForm form, CurrentUser viewer, Model model, HttpServletResponse response) {
        if (e.code() == ProblemCode.NOT_FOUND) {
            throw e;
        }
        Map<String, String> problems = new LinkedHashMap<>();
        e.fieldProblems().forEach(p -> problems.putIfAbsent(p.field(), p.message()));
        if (problems.isEmpty()) {
            model.addAttribute("refusal", e.getMessage());
        }
        response.setStatus(e.code().status());
        return page(form, problems, viewer, model);
    }

    private String page(InviteForm form, Map<String, String> problems, CurrentUser viewer, Model model) {
        model.addAttribute("members", team.list());
        model.addAttribute("form", form);
        model.addAttribute("problems", problems);
        model.addAttribute("isOwner", viewer.role() == Role.OWNER);
        model.addAttribute("roles", new String[] {"owner", "admin", "staff"});
        return "admin/team";
    }
}
