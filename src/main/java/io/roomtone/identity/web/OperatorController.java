package io.roomtone.identity.web;

import io.roomtone.identity.IdentityProperties;
import io.roomtone.identity.Studio;
import io.roomtone.identity.Studios;
import io.roomtone.identity.internal.StudioProvisioning;
import io.roomtone.shared.RoomtoneException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
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
    private final StudioProvisioning provisioning;
    private final IdentityProperties properties;

    OperatorController(Studios studios, StudioProvisioning provisioning, IdentityProperties properties) {
        this.studios = studios;
        this.provisioning = provisioning;
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
    CreatedStudio create(@RequestBody NewStudio body) {
        requireMultiStudio();
        NewOwner owner = body.owner();
        StudioProvisioning.Opened opened = provisioning.open(
                body.slug(),
                body.name(),
                body.timezone(),
                body.currency(),
                owner == null ? null : new StudioProvisioning.Owner(owner.email(), owner.name(), owner.password()));
        return new CreatedStudio(StudioView.of(opened.studio()), AuthController.UserView.of(opened.owner()));
    }

    private void requireMultiStudio() {
        if (!properties.multiStudio()) {
            throw RoomtoneException.notFound("route", "/api/platform/studios (multi-studio mode is off)");
        }
    }
}
