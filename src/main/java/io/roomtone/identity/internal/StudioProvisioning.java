package io.roomtone.identity.internal;

import io.roomtone.identity.Accounts;
import io.roomtone.identity.Role;
import io.roomtone.identity.Studio;
import io.roomtone.identity.Studios;
import io.roomtone.identity.UserAccount;
import io.roomtone.shared.Inputs;
import io.roomtone.shared.Validation;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Multi-studio mode: the platform operator opens a further studio together with its owner. */
@Service
public class StudioProvisioning {

    /** The first owner of a new studio. */
    public record Owner(String email, String name, String password) {}

    /** A studio just opened, with its owner's account. */
    public record Opened(Studio studio, UserAccount owner) {}

    private final Studios studios;
    private final Accounts accounts;
    private final TenantSwitch tenantSwitch;

    StudioProvisioning(Studios studios, Accounts accounts, TenantSwitch tenantSwitch) {
        this.studios = studios;
        this.accounts = accounts;
        this.tenantSwitch = tenantSwitch;
    }

    /**
     * Creates the studio and its owner in one transaction, so that no studio is left without an
     * owner; a taken slug or email, or bad input, creates neither.
     */
    @Transactional
    public Opened open(String slug, String name, String timezone, String currency, Owner owner) {
        new Validation().require(owner, "owner").throwIfInvalid();
        Studio studio =
                studios.create(slug, name, Inputs.zone(timezone, "timezone"), Inputs.currency(currency, "currency"));
        // the owner's row belongs to the new studio, which row-level security only lets us write as it
        UserAccount account = tenantSwitch.callAs(
                studio.id(), () -> accounts.create(owner.email(), owner.password(), owner.name(), null, Role.OWNER));
        return new Opened(studio, account);
    }
}
