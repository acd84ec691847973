package io.roomtone.platform.internal;

import io.roomtone.catalog.CalendarProvider;
import io.roomtone.catalog.CustomField;
import io.roomtone.catalog.PricingModel;
import io.roomtone.catalog.Room;
import io.roomtone.catalog.RoomDraft;
import io.roomtone.catalog.Rooms;
import io.roomtone.catalog.Service;
import io.roomtone.catalog.ServiceDraft;
import io.roomtone.catalog.Services;
import io.roomtone.catalog.StaffDraft;
import io.roomtone.catalog.StaffMember;
import io.roomtone.catalog.StaffMembers;
import io.roomtone.identity.Studios;
import io.roomtone.identity.Tenancy;
import io.roomtone.scheduling.BufferRuleDraft;
import io.roomtone.scheduling.BufferRules;
import io.roomtone.scheduling.BufferScope;
import io.roomtone.scheduling.ClosureDraft;
import io.roomtone.scheduling.Closures;
import io.roomtone.scheduling.ScheduleRuleDraft;
import io.roomtone.scheduling.ScheduleRules;
import io.roomtone.scheduling.SettingsDraft;
import io.roomtone.scheduling.StudioPolicies;
import io.roomtone.scheduling.TargetType;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code ROOMTONE_DEMO=true} or {@code --demo}: on first start, fills the default studio with a
 * living recording studio, so that a newcomer has something to look at. Skipped when the studio
 * already has rooms; it never touches real data.
 */
@Component
class DemoStudio implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoStudio.class);
    private static final List<Integer> WEEKDAYS = List.of(1, 2, 3, 4, 5);

    private final Environment environment;
    private final Studios studios;
    private final Rooms rooms;
    private final Services services;
    private final StaffMembers staff;
    private final ScheduleRules rules;
    private final Closures closures;
    private final BufferRules buffers;
    private final StudioPolicies policies;
    private final TransactionTemplate transactions;

    DemoStudio(
            Environment environment,
            Studios studios,
            Rooms rooms,
            Services services,
            StaffMembers staff,
            ScheduleRules rules,
            Closures closures,
            BufferRules buffers,
            StudioPolicies policies,
            TransactionTemplate transactions) {
        this.environment = environment;
        this.studios = studios;
        this.rooms = rooms;
        this.services = services;
        this.staff = staff;
        this.rules = rules;
        this.closures = closures;
        this.buffers = buffers;
        this.policies = policies;
        this.transactions = transactions;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!args.containsOption("demo") && !environment.getProperty("roomtone.demo", Boolean.class, false)) {
            return;
        }
        UUID studio = studios.defaultStudio().orElseThrow().id();
        Tenancy.runAs(
                studio,
                () -> transactions.executeWithoutResult(tx -> {
                    if (!rooms.list(false).isEmpty()) {
                        log.info("Demo data skipped: the studio already has rooms");
                        return;
                    }
                    seed();
                    log.info("Loaded the demo recording studio");
                }));
    }

    private void seed() {
        ZoneId toronto = ZoneId.of("America/Toronto");
        policies.update(new SettingsDraft(
                "Northside Sound (demo)",
                toronto.getId(),
                "CAD",
                1300,
                25,
                true,
                120,
                90,
                15,
                15,
                24,
                null,
                null,
                null,
                null,
                null,
                null,
                null));

        Room studioA = rooms.create(new RoomDraft(
                "Studio A",
                "Live room with isolation booth, for full bands",
                8,
                List.of("tracking", "vocal", "live"),
                List.of("SSL 4000 G+", "Neve 1073 x8", "Neumann U87", "Yamaha C7 grand"),
                "#5b3cc4",
                true));
        Room studioB = rooms.create(new RoomDraft(
                "Studio B",
                "Mix room with Genelec monitoring",
                4,
                List.of("mixing", "vocal"),
                List.of("Avid S6", "Genelec 8351", "UAD Apollo x16"),
                "#1f7a5c",
                true));
        Room booth = rooms.create(new RoomDraft(
                "Vocal Booth",
                "Treated booth for voice-over and podcasts",
                2,
                List.of("vocal"),
                List.of("Shure SM7B"),
                "#b5651d",
                true));

        services.create(new ServiceDraft(
                "Recording session",
                "Tracking with an engineer",
                60,
                7_500L,
                PricingModel.PER_BLOCK,
                true,
                List.of("tracking"),
                "recording",
                false,
                null,
                true,
                List.of(
                        new CustomField("project", "Band or project name", CustomField.Type.TEXT, true, null),
                        new CustomField(
                                "genre",
                                "Genre",
                                CustomField.Type.SELECT,
                                false,
                                List.of("Rock", "Jazz", "Hip-hop", "Classical", "Other")),
                        new CustomField("musicians", "Number of musicians", CustomField.Type.NUMBER, false, null)),
                "#2563eb"));
        Service mixing = services.create(new ServiceDraft(
                "Mixing",
                "Mix session with an engineer",
                120,
                12_000L,
                PricingModel.PER_BLOCK,
                true,
                List.of("mixing"),
                "mixing",
                false,
                3,
                true,
                null,
                "#7c3aed"));
        services.create(new ServiceDraft(
                "Vocal booth rental",
                "Self-service booth time",
                60,
                3_000L,
                PricingModel.PER_BLOCK,
                false,
                List.of("vocal"),
                null,
                false,
                null,
                true,
                null,
                "#f59e0b"));
        services.create(new ServiceDraft(
                "Vintage mic package",
                "U47 and C12 for the session",
                60,
                2_500L,
                PricingModel.FIXED,
                false,
                List.of(),
                null,
                true,
                null,
                true));

        StaffMember maya = engineer("Maya Chen", "maya", List.of("recording", "mixing"), 4_500L);
        StaffMember luis = engineer("Luis Ortega", "luis", List.of("recording", "mastering"), 4_000L);
        StaffMember priya = engineer("Priya Nair", "priya", List.of("mixing", "mastering"), 5_000L);

        rule(TargetType.STUDIO, null, List.of(1, 2, 3, 4, 5, 6), "10:00", "22:00");
        rule(TargetType.STUDIO, null, List.of(0), "12:00", "18:00");
        rule(TargetType.STAFF, maya.id(), WEEKDAYS, "10:00", "18:00");
        rule(TargetType.STAFF, luis.id(), List.of(3, 4, 5, 6), "14:00", "22:00");
        rule(TargetType.STAFF, priya.id(), List.of(2, 3, 4, 5, 6), "12:00", "20:00");

        buffers.create(new BufferRuleDraft(BufferScope.ROOM, studioA.id(), 15, 30));
        buffers.create(new BufferRuleDraft(BufferScope.SERVICE, mixing.id(), 0, 15));
        buffers.create(new BufferRuleDraft(BufferScope.ROOM, booth.id(), 0, 10));

        LocalDate nextMonday = LocalDate.now(toronto).with(TemporalAdjusters.next(DayOfWeek.MONDAY));
        closures.create(new ClosureDraft(
                TargetType.ROOM,
                studioB.id(),
                nextMonday.atTime(10, 0).atZone(toronto).toInstant(),
                nextMonday.atTime(14, 0).atZone(toronto).toInstant(),
                "Console maintenance"));
    }

    private StaffMember engineer(String name, String handle, List<String> skills, long rateCents) {
        return staff.create(new StaffDraft(
                        handle + "@demo.roomtone.invalid",
                        name,
                        skills,
                        rateCents,
                        CalendarProvider.GOOGLE,
                        true,
                        null,
                        null))
                .member();
    }

    private void rule(TargetType type, UUID target, List<Integer> days, String start, String end) {
        rules.create(new ScheduleRuleDraft(
                type, target, days, LocalTime.parse(start), LocalTime.parse(end), null, null, null));
    }
}
