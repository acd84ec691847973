package io.roomtone.booking.web;

import io.roomtone.booking.BookingRequests;
import io.roomtone.booking.Holds;
import io.roomtone.booking.Quotes;
import io.roomtone.catalog.CustomField;
import io.roomtone.catalog.Room;
import io.roomtone.catalog.Rooms;
import io.roomtone.catalog.Service;
import io.roomtone.catalog.Services;
import io.roomtone.catalog.StaffMember;
import io.roomtone.catalog.StaffMembers;
import io.roomtone.identity.CurrentUser;
import io.roomtone.identity.Studios;
import io.roomtone.payments.CardPayments;
import io.roomtone.scheduling.OnlinePayment;
import io.roomtone.scheduling.StudioPolicies;
import io.roomtone.scheduling.StudioSettings;
import io.roomtone.shared.ProblemCode;
import io.roomtone.shared.RoomtoneException;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The held slot: its countdown, the add-ons, notes and the policy to acknowledge, and the request
 * ({@link BookingRequests#request} with the hold). Only the hold's holder sees it. When the hold has
 * run out the page says so and offers to hold the same slot again; a slot someone else took
 * meanwhile is a 409 with the nearest free slots.
 */
@Controller
class HoldPage {

    /**
     * The notes, answers to the service's questions and acknowledgement as typed, shown again when
     * the request is refused. Answers are keyed by the question's key, as text ("on" for a ticked box).
     */
    record Typed(String notes, Map<String, String> answers, boolean ack) {

        /** What the request sends: a ticked box is true, an unticked one false, blank text not answered. */
        Map<String, Object> customFields(List<CustomField> fields) {
            Map<String, Object> given = new LinkedHashMap<>();
            for (CustomField field : fields) {
                String typed = answers.get(field.key());
                if (field.type() == CustomField.Type.CHECKBOX) {
                    given.put(field.key(), typed != null);
                } else if (typed != null && !typed.isBlank()) {
                    given.put(field.key(), typed);
                }
            }
            return given;
        }
    }

    /** The form's inputs for the service's questions are named {@code answer.<key>}. */
    static final String ANSWER = "answer.";

    private final Holds holds;
    private final BookingRequests requests;
    private final Rooms rooms;
    private final Services services;
    private final StaffMembers staff;
    private final BookSteps steps;
    private final NearestSlots nearest;
    private final Studios studios;
    private final CardPayments cards;
    private final StudioPolicies policies;

    HoldPage(
            Holds holds,
            BookingRequests requests,
            Rooms rooms,
            Services services,
            StaffMembers staff,
            BookSteps steps,
            NearestSlots nearest,
            Studios studios,
            CardPayments cards,
            StudioPolicies policies) {
        this.cards = cards;
        this.policies = policies;
        this.holds = holds;
        this.requests = requests;
        this.rooms = rooms;
        this.services = services;
        this.staff = staff;
        this.steps = steps;
        this.nearest = nearest;
        this.studios = studios;
    }

    @GetMapping("/book/{holdId}")
    String showHold(
            @PathVariable String holdId,
            @RequestParam MultiValueMap<String, String> params,
            @AuthenticationPrincipal CurrentUser user,
            Model model,
            HttpServletResponse response) {
        if (user == null) {
            return "redirect:/signin?next=" + URLEncoder.encode("/book/" + holdId, StandardCharsets.UTF_8);
        }
        Holds.Held held = held(holdId, user);
        AddOnChoice addOns = AddOnChoice.read(params, offeredAddOns());
        return render(
                held,
                addOns,
                new Typed("", Map.of(), false),
                new LinkedHashMap<>(addOns.problems()),
                model,
                response,
                HttpStatus.OK);
    }

    @PostMapping("/book/{holdId}/request")
    String request(
            @PathVariable String holdId,
            @RequestParam MultiValueMap<String, String> params,
            @AuthenticationPrincipal CurrentUser user,
            Model model,
            HttpServletResponse response) {
        if (user == null) {
            throw new RoomtoneException(ProblemCode.UNAUTHENTICATED, "Sign in to book this slot.");
        }
        Holds.Held held = held(holdId, user);
        AddOnChoice addOns = AddOnChoice.read(params, offeredAddOns());
        String notes = params.getFirst("notes");
        Map<String, String> answers = new LinkedHashMap<>();
        params.forEach((name, values) -> {
            if (name.startsWith(ANSWER) && !values.isEmpty()) {
                answers.put(name.substring(ANSWER.length()), values.get(0));
            }
        });
        Typed typed = new Typed(notes == null ? "" : notes, answers, "yes".equals(params.getFirst("ack")));
        boolean payOnline = "yes".equals(params.getFirst("pay_online"));
        model.addAttribute("payOnline", payOnline);
        Map<String, String> problems = new LinkedHashMap<>(addOns.problems());
        if (!typed.ack()) {
            problems.put("ack", "Please confirm that you have read the studio's policies.");
        }
        if (!problems.isEmpty()) {
            return render(held, addOns, typed, problems, model, response, HttpStatus.BAD_REQUEST);
        }
        BookChoice choice = choice(held);
        try {
            BookingRequests.Requested requested = requests.request(
                    new BookingRequests.BookingRequest(
                            held.holdId(),
                            held.roomId(),
                            addOns.items(choice.service()),
                            held.startAt(),
                            held.endAt(),
                            typed.notes().isBlank() ? null : typed.notes(),
                            held.staffIds(),
                            null,
                            null,
                            typed.customFields(choice.service().customFields()),
                            payOnline && payOnlineOffered()),
                    user);
            return "redirect:/book/sent/" + requested.bookingId();
        } catch (RoomtoneException e) {
            if (e.code() == ProblemCode.SLOT_UNAVAILABLE) {
                model.addAttribute("taken", true);
                model.addAttribute(
                        "alternatives", nearest.near(choice, studios.current().timezone()));
            } else {
                BookSteps.addProblems(e, addOns, problems);
            }
            return render(
                    held,
                    addOns,
                    typed,
                    problems,
                    model,
                    response,
                    HttpStatus.valueOf(e.code().status()));
        }
    }

    private String render(
            Holds.Held held,
            AddOnChoice addOns,
            Typed typed,
            Map<String, String> problems,
            Model model,
            HttpServletResponse response,
            HttpStatus status) {
        BookChoice choice = choice(held);
        Instant now = steps.now();
        Optional<Quotes.Quote> quote = problems.isEmpty() ? steps.quote(choice, addOns, problems) : Optional.empty();
        if (status == HttpStatus.OK && !problems.isEmpty()) {
            status = HttpStatus.BAD_REQUEST;
        }
        boolean live = held.isLive(now);
        response.setStatus(status.value());
        model.addAttribute("held", held);
        model.addAttribute("live", live);
        model.addAttribute("used", !held.active());
        model.addAttribute(
                "secondsLeft", live ? Duration.between(now, held.expiresAt()).toSeconds() : 0);
        model.addAttribute("engineers", engineers(held.staffIds()));
        model.addAttribute("choice", choice);
        model.addAttribute("addOns", addOns.rows());
        model.addAttribute("quote", quote.orElse(null));
        model.addAttribute("policy", steps.policy(choice.start()));
        model.addAttribute("payOnlineOffered", payOnlineOffered());
        model.addAttribute("typed", typed);
        model.addAttribute("problems", problems);
        return "book/hold";
    }

    /**
     * Whether the client may choose to pay the full price by card now: card payments are on and the
     * studio asks for no payment when booking (no deposit, and not the full price either).
     */
    private boolean payOnlineOffered() {
        StudioSettings settings = policies.current();
        return cards.available() && settings.depositPercent() == 0 && settings.onlinePayment() == OnlinePayment.DEPOSIT;
    }

    /** The hold of {@code user}; any other id (or none) is a 404, whose hold it is is not told. */
    private Holds.Held held(String holdId, CurrentUser user) {
        UUID id;
        try {
            id = UUID.fromString(holdId);
        } catch (IllegalArgumentException e) {
            throw RoomtoneException.notFound("hold", holdId);
        }
        return holds.find(id, user).orElseThrow(() -> RoomtoneException.notFound("hold", id));
    }

    /** The slot the hold keeps, as the step shows it; a hold of a room or service since removed is gone. */
    private BookChoice choice(Holds.Held held) {
        Room room = rooms.find(held.roomId()).orElseThrow(() -> RoomtoneException.notFound("room", held.roomId()));
        Service service = Optional.ofNullable(held.serviceId())
                .flatMap(services::find)
                .orElseThrow(() ->
                        RoomtoneException.invalid("service", "this hold is for no service; choose the slot again"));
        UUID engineer = held.staffIds().size() == 1 ? held.staffIds().get(0) : null;
        return new BookChoice(room, service, held.startAt(), held.endAt(), engineer, null);
    }

    private List<StaffMember> engineers(List<UUID> ids) {
        return ids.stream().map(staff::find).flatMap(Optional::stream).toList();
    }

    private List<Service> offeredAddOns() {
        return services.list(true).stream().filter(Service::isAddon).toList();
    }
}
