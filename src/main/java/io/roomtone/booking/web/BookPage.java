package io.roomtone.booking.web;

import io.roomtone.booking.Holds;
import io.roomtone.booking.Quotes;
import io.roomtone.catalog.Service;
import io.roomtone.catalog.Services;
import io.roomtone.identity.CurrentUser;
import io.roomtone.identity.PageSignIn;
import io.roomtone.identity.Studios;
import io.roomtone.shared.ProblemCode;
import io.roomtone.shared.RoomtoneException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The booking step before a hold: the chosen slot, its add-ons with a live price, and the way to
 * hold it. A signed-in artist holds it with one button ({@code POST /book/hold}); a visitor signs in
 * on the same form ({@code POST /book/account}), which then holds the slot, or registers there: the
 * confirmation mail's link signs the new account in and brings it back to this slot.
 * Holds are placed by POSTs only, each answered with a redirect to the hold's page ({@link HoldPage}).
 * Bad input is refused before anything is written: the choice and the add-ons are read and priced
 * first, with the quote's rules.
 */
@Controller
class BookPage {

    /** What a visitor typed into the account part of the form (never the password, when shown again). */
    record Account(String account, String name, String email, String phone) {

        public boolean existing() {
            return "existing".equals(account);
        }
    }

    private final ChoiceForm choices;
    private final BookSteps steps;
    private final NearestSlots nearest;
    private final Services services;
    private final Holds holds;
    private final PageSignIn signIn;
    private final Studios studios;

    BookPage(
            ChoiceForm choices,
            BookSteps steps,
            NearestSlots nearest,
            Services services,
            Holds holds,
            PageSignIn signIn,
            Studios studios) {
        this.choices = choices;
        this.steps = steps;
        this.nearest = nearest;
        this.services = services;
        this.holds = holds;
        this.signIn = signIn;
        this.studios = studios;
    }

    @GetMapping("/book")
    String showChoice(
            @RequestParam MultiValueMap<String, String> params,
            @AuthenticationPrincipal CurrentUser user,
            Model model,
            HttpServletResponse response) {
        Step step = read(params);
        if (step.choice().isPresent() && "1".equals(params.getFirst("taken"))) {
            // an inline sign-in that could not hold the slot comes back here (see openAccount)
            showTaken(step, model);
        }
        return render(step, new Account("new", "", "", ""), model, response, HttpStatus.OK);
    }

    /** The live price, for htmx: only the breakdown, swapped in place when a quantity changes. */
    @GetMapping("/book/price")
    String showPrice(
            @RequestParam MultiValueMap<String, String> params,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            Model model,
            HttpServletResponse response) {
        Step step = read(params);
        model.addAttribute("quote", step.quote().orElse(null));
        model.addAttribute("problems", step.problems());
        step.choice().ifPresent(choice -> model.addAttribute("policy", steps.policy(choice.start())));
        // htmx swaps only successful answers: a refused quantity must still replace a stale price
        if (!step.problems().isEmpty() && htmx == null) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
        }
        return "book/parts :: price";
    }

    @PostMapping("/book/hold")
    String hold(
            @RequestParam MultiValueMap<String, String> params,
            @AuthenticationPrincipal CurrentUser user,
            Model model,
            HttpServletResponse response) {
        Step step = read(params);
        Account account = new Account("new", "", "", "");
        if (step.choice().isEmpty() || !step.problems().isEmpty()) {
            return render(step, account, model, response, HttpStatus.BAD_REQUEST);
        }
        if (user == null) {
            // signed out meanwhile: the page offers the account part again
            return "redirect:" + step.choice().get().link(step.addOns());
        }
        try {
            return "redirect:" + placeHold(step, user);
        } catch (RoomtoneException e) {
            return refused(e, step, account, model, response);
        }
    }

    @PostMapping("/book/account")
    String openAccount(
            @RequestParam MultiValueMap<String, String> params,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response) {
        Step step = read(params);
        Account account = new Account(
                "existing".equals(params.getFirst("account")) ? "existing" : "new",
                text(params.getFirst("name")),
                text(params.getFirst("email")),
                text(params.getFirst("phone")));
        if (step.choice().isEmpty() || !step.problems().isEmpty()) {
            return render(step, account, model, response, HttpStatus.BAD_REQUEST);
        }
        String password = params.getFirst("password");
        CurrentUser user;
        try {
            if (!account.existing()) {
                // nobody is signed in by a registration (it must not tell whether the address had an
                // account): the confirmation mail's link signs in and comes back to this slot
                signIn.register(
                        account.name(),
                        account.email(),
                        account.phone(),
                        password,
                        step.choice().get().link(step.addOns()));
                return "redirect:/signup?sent=booking";
            }
            user = signIn.signIn(account.email(), password, request, response);
        } catch (RoomtoneException e) {
            Map<String, String> problems = step.problems();
            HttpStatus status = HttpStatus.BAD_REQUEST;
            if (e.code() == ProblemCode.UNAUTHENTICATED) {
                status = HttpStatus.UNAUTHORIZED;
                problems.put("password", e.getMessage());
            } else if (!e.fieldProblems().isEmpty()) {
                e.fieldProblems().forEach(p -> problems.putIfAbsent(p.field(), p.message()));
            } else {
                throw e;
            }
            return render(step, account, model, response, status);
        }
        // the session cookie was just set and the CSRF token discarded: from here on only a
        // redirect, never a rendered form (its token would no longer be accepted)
        try {
            return "redirect:" + placeHold(step, user);
        } catch (RoomtoneException e) {
            String back = step.choice().get().link(step.addOns());
            return "redirect:" + back + (e.code() == ProblemCode.SLOT_UNAVAILABLE ? "&taken=1" : "");
        }
    }

    private String placeHold(Step step, CurrentUser user) {
        BookChoice choice = step.choice().orElseThrow();
        Holds.Hold hold = holds.place(
                new Holds.HoldRequest(
                        choice.room().id(),
                        choice.start(),
                        choice.end(),
                        choice.service().id(),
                        choice.staffIds()),
                user);
        var uri = org.springframework.web.util.UriComponentsBuilder.fromPath("/book/{hold}");
        step.addOns().params(uri);
        return uri.buildAndExpand(hold.holdId()).encode().toUriString();
    }

    private String refused(RoomtoneException e, Step step, Account account, Model model, HttpServletResponse response) {
        if (e.code() == ProblemCode.SLOT_UNAVAILABLE) {
            showTaken(step, model);
        } else {
            BookSteps.addProblems(e, step.addOns(), step.problems());
        }
        return render(
                step, account, model, response, HttpStatus.valueOf(e.code().status()));
    }

    private void showTaken(Step step, Model model) {
        model.addAttribute("taken", true);
        model.addAttribute(
                "alternatives",
                nearest.near(step.choice().orElseThrow(), studios.current().timezone()));
    }

    /** The request's choice, add-ons and price, with every problem found on the way. */
    private Step read(MultiValueMap<String, String> params) {
        ChoiceForm.Read read = choices.read(new ChoiceForm.Typed(
                params.getFirst("room"),
                params.getFirst("service"),
                params.getFirst("start"),
                params.getFirst("end"),
                params.getFirst("staff"),
                params.getFirst("skill")));
        List<Service> offered = addOns();
        AddOnChoice addOns = AddOnChoice.read(params, offered);
        Map<String, String> problems = new LinkedHashMap<>(read.problems());
        problems.putAll(addOns.problems());
        Optional<Quotes.Quote> quote = read.choice()
                .flatMap(choice -> problems.isEmpty() ? steps.quote(choice, addOns, problems) : Optional.empty());
        return new Step(read.choice(), addOns, quote, problems);
    }

    private List<Service> addOns() {
        return services.list(true).stream().filter(Service::isAddon).toList();
    }

    private String render(Step step, Account account, Model model, HttpServletResponse response, HttpStatus status) {
        if (status == HttpStatus.OK && !step.problems().isEmpty()) {
            status = HttpStatus.BAD_REQUEST;
        }
        response.setStatus(status.value());
        model.addAttribute("problems", step.problems());
        model.addAttribute("addOns", step.addOns().rows());
        model.addAttribute("account", account);
        step.choice().ifPresent(choice -> {
            model.addAttribute("choice", choice);
            model.addAttribute("quote", step.quote().orElse(null));
            model.addAttribute("policy", steps.policy(choice.start()));
        });
        return "book";
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    /** One request's reading of the step. */
    record Step(
            Optional<BookChoice> choice,
            AddOnChoice addOns,
            Optional<Quotes.Quote> quote,
            Map<String, String> problems) {}
}
