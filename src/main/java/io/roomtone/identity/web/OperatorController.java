package io.roomtone.identity.web;

import io.roomtone.identity.Accounts;
import io.roomtone.identity.IdentityProperties;
import io.roomtone.identity.Role;
import io.roomtone.identity.Studio;
import io.roomtone.identity.Studios;
import io.roomtone.identity.UserAccount;
import io.roomtone.identity.internal.TenantSwitch;
import io.roomtone.shared.Inputs;
import io.roomtone.shared.RoomtoneException;
import io.roomtone.shared.Validation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Multi-studio mode: the platform operator (HTTP Basic, from configuration) creates studios and their owners. */
@Tag(name = "Platform", description = "Studios of a multi-studio installation (platform operator only)")
@RestController
@RequestMapping("/api/platform/studios")
class OperatorController {

    record NewOwner(String email, String name, String password) {}

    record NewStudio(String slug, String name, String timezone, String currency, NewOwner owner) {}

    record StudioView(UUID id, String slug, String name, String timezone, String currency, boolean isDefault) {
        static StudioView of(Studio studio) {
            return new StudioView(
                    studio.id(),
                    studio.slug(),
                    studio.name(),
                    studio.timezone().getId(),
                    studio.currency(),
                    studio.isDefault());
        }
    }

    record CreatedStudio(StudioView studio, AuthController.UserView owner) {}

    private final Studios studios;
    private final Accounts accounts;
    private final IdentityProperties properties;
    private final TenantSwitch tenantSwitch;

    OperatorController(Studios studios, Accounts accounts, IdentityProperties properties, TenantSwitch tenantSwitch) {
        this.tenantSwitch = tenantSwitch;
        this.studios = studios;
        this.accounts = accounts;
        this.properties = properties;
    }

    @Operation(summary = "All studios")
    @GetMapping
    List<StudioView> list() {
        requireMultiStudio();
        return studios.all().stream().map(StudioView::of).toList();
    }

    @Operation(summary = "Create a studio with its owner")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Transactional
    CreatedStudio create(@RequestBody NewStudio body) {
        requireMultiStudio();
        new Validation().require(body.owner(), "owner").throwIfInvalid();
        Studio studio = studios.create(
                body.slug(),
                body.name(),
                Inputs.zone(body.timezone(), "timezone"),
                Inputs.currency(body.currency(), "currency"));
        NewOwner owner = body.owner();
        UserAccount account = tenantSwitch.callAs(
                studio.id(), () -> accounts.create(owner.email(), owner.password(), owner.name(), null, Role.OWNER));
        return new CreatedStudio(StudioView.of(studio), AuthController.UserView.of(account));
    }

    private void requireMultiStudio() {
        if (!properties.multiStudio()) {
            throw RoomtoneException.notFound("route", "/api/platform/studios (multi-studio mode is off)");
        }
    }
}
