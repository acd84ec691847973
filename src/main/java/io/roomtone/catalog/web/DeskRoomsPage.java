package io.roomtone.catalog.web;

import io.roomtone.catalog.Room;
import io.roomtone.catalog.RoomDraft;
import io.roomtone.catalog.Rooms;
import io.roomtone.shared.FormInput;
import io.roomtone.shared.ProblemCode;
import io.roomtone.shared.RoomtoneException;
import jakarta.servlet.http.HttpServletResponse;
import java.util.HashSet;
import java.util.LinkedHashMap;
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

/**
 * The studio's rooms: a list, a form to add one, an edit form per room, activate/deactivate and a
 * delete that asks first. Everything goes through {@link Rooms} (the rules of {@code
 * /api/admin/rooms}); the edit form sends every field, so a field left blank is cleared (or, for the
 * name, refused), never silently kept.
 */
@Controller
@RequestMapping("/admin/rooms")
class DeskRoomsPage {

    private final Rooms rooms;

    DeskRoomsPage(Rooms rooms) {
        this.rooms = rooms;
    }

    @GetMapping
    String listRooms(@RequestParam(required = false) String done, Model model) {
        model.addAttribute("rooms", rooms.list(false));
        model.addAttribute("done", DeskForms.done(done));
        return "admin/rooms";
    }

    @GetMapping("/new")
    String initCreationForm(Model model) {
        Map<String, String> shown = new LinkedHashMap<>();
        shown.put("active", "on");
        return form(null, shown, Map.of(), model);
    }

    @PostMapping
    String processCreationForm(
            @RequestParam MultiValueMap<String, String> values, Model model, HttpServletResponse response) {
        FormInput form = new FormInput(values);
        RoomDraft draft = draft(form, new HashSet<>());
        Map<String, String> problems = new LinkedHashMap<>(form.problems());
        if (problems.isEmpty()) {
            try {
                Room room = rooms.create(draft);
                return "redirect:/admin/rooms?done=created#room-" + room.id();
            } catch (RoomtoneException e) {
                refused(e, problems, model);
            }
        }
        return again(null, values, problems, model, response);
    }

    @GetMapping("/{id}")
    String initUpdateForm(@PathVariable String id, @RequestParam(required = false) String saved, Model model) {
        Room room = rooms.get(DeskForms.id(id, "room"));
        model.addAttribute("saved", saved != null);
        return form(room, shown(room), Map.of(), model);
    }

    @PostMapping("/{id}")
    String processUpdateForm(
            @PathVariable String id,
            @RequestParam MultiValueMap<String, String> values,
            Model model,
            HttpServletResponse response) {
        Room room = rooms.get(DeskForms.id(id, "room"));
        FormInput form = new FormInput(values);
        Set<String> cleared = new HashSet<>();
        RoomDraft draft = draft(form, cleared);
        Map<String, String> problems = new LinkedHashMap<>(form.problems());
        if (problems.isEmpty()) {
            try {
                rooms.update(room.id(), draft, cleared);
                return "redirect:/admin/rooms/" + room.id() + "?saved";
            } catch (RoomtoneException e) {
                refused(e, problems, model);
            }
        }
        return again(room, values, problems, model, response);
    }

    /** Deactivating keeps the room and its bookings but offers it for no new ones. */
    @PostMapping("/{id}/active")
    String changeActive(@PathVariable String id, @RequestParam(required = false) String active) {
        Room room = rooms.get(DeskForms.id(id, "room"));
        boolean activate = "true".equals(active);
        rooms.update(room.id(), new RoomDraft(null, null, null, null, null, null, activate));
        return "redirect:/admin/rooms?done=" + (activate ? "activated" : "deactivated");
    }

    @GetMapping("/{id}/delete")
    String confirmDelete(@PathVariable String id, Model model) {
        model.addAttribute("room", rooms.get(DeskForms.id(id, "room")));
        return "admin/rooms-delete";
    }

    @PostMapping("/{id}/delete")
    String delete(@PathVariable String id, Model model, HttpServletResponse response) {
        Room room = rooms.get(DeskForms.id(id, "room"));
        try {
            rooms.delete(room.id());
            return "redirect:/admin/rooms?done=deleted";
        } catch (DataIntegrityViolationException e) {
            if (!DeskForms.inUse(e)) {
                throw e;
            }
            // bookings keep their room: the way out is deactivating it
            response.setStatus(ProblemCode.IN_USE.status());
            model.addAttribute("room", room);
            model.addAttribute("inUse", true);
            return "admin/rooms-delete";
        }
    }

    /**
     * The room as typed. Blank optional fields are named in {@code cleared}, a blank name too, so
     * that the service itself says it is required.
     */
    private static RoomDraft draft(FormInput form, Set<String> cleared) {
        String name = form.text("name");
        String description = form.text("description");
        Integer capacity = form.integer("capacity");
        var tags = DeskForms.list(form.text("tags"));
        var equipment = DeskForms.list(form.text("equipment"));
        String color = DeskForms.color(form);
        clearIfNull(cleared, name, "name");
        clearIfNull(cleared, description, "description");
        if (form.text("capacity") == null) {
            cleared.add("capacity");
        }
        clearIfNull(cleared, tags, "tags");
        clearIfNull(cleared, equipment, "equipment");
        clearIfNull(cleared, color, "color");
        return new RoomDraft(name, description, capacity, tags, equipment, color, form.checkbox("active"));
    }

    private static void clearIfNull(Set<String> cleared, Object value, String field) {
        if (value == null) {
            cleared.add(field);
        }
    }

    private static void refused(RoomtoneException e, Map<String, String> problems, Model model) {
        if (e.code() == ProblemCode.NOT_FOUND) {
            throw e;
        }
        e.fieldProblems().forEach(p -> problems.putIfAbsent(p.field(), p.message()));
        if (e.fieldProblems().isEmpty()) {
            model.addAttribute("refusal", e.getMessage());
            model.addAttribute("refusalStatus", e.code().status());
        }
    }

    private String again(
            Room room,
            MultiValueMap<String, String> values,
            Map<String, String> problems,
            Model model,
            HttpServletResponse response) {
        Object status = model.getAttribute("refusalStatus");
        response.setStatus(status instanceof Integer s ? s : HttpStatus.BAD_REQUEST.value());
        Map<String, String> shown = DeskForms.typed(values);
        // the picker now stands for what the hex field shows
        shown.put("color_was", shown.getOrDefault("color", ""));
        return form(room, shown, problems, model);
    }

    private String form(Room room, Map<String, String> shown, Map<String, String> problems, Model model) {
        model.addAttribute("room", room);
        model.addAttribute("values", shown);
        model.addAttribute("problems", problems);
        model.addAttribute("picker", DeskForms.picker(shown.get("color")));
        return "admin/rooms-form";
    }

    private static Map<String, String> shown(Room room) {
        Map<String, String> shown = new LinkedHashMap<>();
        shown.put("name", room.name());
        shown.put("description", room.description() == null ? "" : room.description());
        shown.put("capacity", room.capacity() == null ? "" : room.capacity().toString());
        shown.put("tags", DeskForms.joined(room.tags()));
        shown.put("equipment", DeskForms.joined(room.equipment()));
        shown.put("color", room.color() == null ? "" : room.color());
        shown.put("color_was", shown.get("color"));
        if (room.active()) {
            shown.put("active", "on");
        }
        return shown;
    }
}
