package io.roomtone.invoicing;

import io.roomtone.identity.Studio;
import io.roomtone.identity.Studios;
import io.roomtone.identity.Tenancy;
import io.roomtone.shared.SealedSecrets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Seals the clients' phones that invoices kept in clear (written while {@code
 * ROOMTONE_ENCRYPTION_KEY} was not set) at the first start with the key, as {@code
 * identity.PhoneNumbers} does for the accounts' own numbers: per studio, a batch per transaction.
 * The trigger that freezes issued documents allows exactly this move (clear to sealed, nothing else).
 */
@Component
class InvoicePhoneSealing {

    private static final Logger log = LoggerFactory.getLogger(InvoicePhoneSealing.class);

    static final int SEAL_BATCH = 200;

    private final SealedSecrets secrets;
    private final InvoiceStore store;
    private final Studios studios;
    private final TransactionTemplate transactions;

    InvoicePhoneSealing(
            SealedSecrets secrets, InvoiceStore store, Studios studios, PlatformTransactionManager transactionManager) {
        this.secrets = secrets;
        this.store = store;
        this.studios = studios;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    @EventListener(ApplicationReadyEvent.class)
    void atStartUp() {
        if (!secrets.available()) {
            // identity.PhoneNumbers already warns that phone numbers are stored unencrypted
            return;
        }
        try {
            int sealed = sealLeftInClear();
            if (sealed > 0) {
                log.info("Encrypted the client's phone on {} invoices that kept it unencrypted", sealed);
            }
        } catch (RuntimeException e) {
            // the phones stay readable in clear; the next start tries again
            log.warn("Encrypting the client's phone on invoices that kept it unencrypted failed", e);
        }
    }

    /** Seals every studio's invoice phones still in clear; how many it sealed. Nothing without the key. */
    int sealLeftInClear() {
        if (!secrets.available()) {
            return 0;
        }
        int sealed = 0;
        for (Studio studio : studios.all()) {
            sealed += Tenancy.callAs(studio.id(), () -> sealCurrentStudio(SEAL_BATCH));
        }
        return sealed;
    }

    /**
     * Seals the current studio's invoice phones left in clear, {@code batch} per transaction; how
     * many this call sealed. Idempotent and safe on several nodes starting at once: rows another node
     * has locked are skipped (it seals them), and a row sealed already no longer matches, so each is
     * sealed once.
     */
    int sealCurrentStudio(int batch) {
        int total = 0;
        int found;
        do {
            int[] counts = transactions.execute(status -> {
                List<InvoiceStore.ClearPhone> rows = store.clearPhonesForUpdate(batch);
                int sealed = 0;
                for (InvoiceStore.ClearPhone row : rows) {
                    if (store.sealPhone(row)) {
                        sealed++;
                    }
                }
                return new int[] {rows.size(), sealed};
            });
            found = counts[0];
            total += counts[1];
        } while (found == batch);
        return total;
    }
}
