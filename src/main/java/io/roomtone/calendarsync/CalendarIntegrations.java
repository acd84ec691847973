package io.roomtone.calendarsync;

import io.roomtone.identity.Tenancy;
import io.roomtone.shared.Integration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Google Calendar and Microsoft 365 as integrations: configured when their OAuth client and the
 * encryption key are set; the detail says how many of the studio's staff connected, how many
 * connections are broken, and the last success and error.
 */
@Configuration(proxyBeanMethods = false)
class CalendarIntegrations {

    @Bean
    Integration googleCalendar(
            CalendarConnections connections, ConnectionStore store, PlatformTransactionManager transactions) {
        return () -> status(ExternalCalendar.GOOGLE, connections, store, transactions);
    }

    @Bean
    Integration microsoftCalendar(
            CalendarConnections connections, ConnectionStore store, PlatformTransactionManager transactions) {
        return () -> status(ExternalCalendar.MICROSOFT, connections, store, transactions);
    }

    private static Integration.Status status(
            ExternalCalendar provider,
            CalendarConnections connections,
            ConnectionStore store,
            PlatformTransactionManager transactions) {
        String name = provider == ExternalCalendar.GOOGLE ? "google_calendar" : "microsoft_365";
        String purpose =
                "Staff members' own " + provider.label() + " calendars: confirmed sessions added, moved and removed";
        Optional<String> unavailable = connections.unavailableReason(provider);
        if (unavailable.isPresent()) {
            return Integration.Status.of(name, purpose, false, "Off: " + unavailable.get());
        }
        if (Tenancy.studioId().isEmpty()) {
            return Integration.Status.of(name, purpose, true, "On");
        }
        TransactionTemplate reads = new TransactionTemplate(transactions);
        reads.setReadOnly(true);
        List<ConnectionStore.Row> rows = reads.execute(tx -> store.all()).stream()
                .filter(r -> r.provider() == provider)
                .toList();
        long broken = rows.stream().filter(ConnectionStore.Row::broken).count();
        StringBuilder detail = new StringBuilder("On: ")
                .append(rows.size())
                .append(rows.size() == 1 ? " staff member connected" : " staff members connected");
        if (broken > 0) {
            detail.append(", ").append(broken).append(" broken (they must connect again)");
        }
        Optional<Instant> lastSuccess = rows.stream()
                .map(ConnectionStore.Row::lastSuccessAt)
                .flatMap(Optional::stream)
                .max(Comparator.naturalOrder());
        Optional<ConnectionStore.Row> lastFailure = rows.stream()
                .filter(r -> r.lastError().isPresent() && r.lastErrorAt().isPresent())
                .max(Comparator.comparing(r -> r.lastErrorAt().orElse(Instant.MIN)));
        // failing when the latest error came after the latest success (or nothing ever worked)
        boolean failing = lastFailure.isPresent()
                && (lastSuccess.isEmpty()
                        || lastFailure.get().lastErrorAt().orElseThrow().isAfter(lastSuccess.get()));
        Boolean healthy =
                rows.isEmpty() || (lastSuccess.isEmpty() && lastFailure.isEmpty()) ? null : !(failing || broken > 0);
        return new Integration.Status(
                name,
                purpose,
                true,
                detail.toString(),
                healthy,
                failing ? lastFailure.get().lastError().orElse(null) : null,
                lastSuccess.orElse(null));
    }
}
