package io.roomtone.platform.internal;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.modulith.events.CompletedEventPublications;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes event publications whose listeners finished more than a while ago (a week by default):
 * Spring Modulith only marks them completed, and a busy studio adds several rows per booking change
 * (one per listener) that nothing reads again. Every node may run it; deleting twice is harmless.
 */
@Component
class CompletedPublicationPurge {

    private final CompletedEventPublications completed;
    private final Duration keep;

    CompletedPublicationPurge(
            CompletedEventPublications completed, @Value("${roomtone.events.keep-completed:P7D}") Duration keep) {
        this.completed = completed;
        this.keep = keep;
    }

    @Scheduled(fixedDelayString = "${roomtone.events.purge-interval:PT1H}", initialDelayString = "PT1M")
    void purge() {
        completed.deletePublicationsOlderThan(keep);
    }
}
