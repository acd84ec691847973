package io.roomtone.invoicing;

import static io.roomtone.support.Api.json;
import static io.roomtone.support.BookingRequest.booking;
import static io.roomtone.support.TestStudio.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.roomtone.identity.Tenancy;
import io.roomtone.shared.SealedSecrets;
import io.roomtone.support.Api;
import io.roomtone.support.BookedView;
import io.roomtone.support.Parallel;
import io.roomtone.support.RoomtoneTest;
import io.roomtone.support.TestStudio;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The client's phone printed on invoices is encrypted at rest with the key set: kept only sealed,
 * bound to its studio and document, still shown by the API and the PDF; a phone kept in clear from
 * before the key is sealed by the start-up pass, the one change the database lets an issued invoice
 * make; a sealed value copied elsewhere reads as no phone.
 */
@RoomtoneTest
class InvoicePhoneSealingTests {

    static final String KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

    @DynamicPropertySource
    static void key(DynamicPropertyRegistry registry) {
        registry.add("roomtone.encryption-key", () -> KEY);
    }

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JsonMapper json;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    SealedSecrets secrets;

    @Autowired
    InvoicePhoneSealing sealing;

    TestStudio studio;
    String room;
    String service;

    private void open(boolean approval) {
        studio = new TestStudio(api);
        if (approval) {
            studio.openWithApproval();
        } else {
            studio.openWithoutApproval();
        }
        room = studio.room("vocal");
        service = studio.service().inRoomsTagged("vocal").create();
    }

    /** A new client of the studio with {@code phone} on their account; their token. */
    private String clientWithPhone(String phone) {
        String client = studio.client();
        api.patch("/api/me/account", json("phone", phone), client).expect(200);
        return client;
    }

    @Test
    void aNewInvoiceKeepsTheClientsPhoneOnlySealedAndTheApiAndPdfStillShowIt() throws Exception {
        open(true);
        String phone = uniquePhone();
        String client = clientWithPhone(phone);
        BookedView booked = studio.book(booking(room, service, at(5, 10), at(5, 11)), client);

        // the draft, written when the booking was requested
        UUID id = invoiceIdOf(booked.bookingId());
        assertSealed(id, phone);

        // issued on approval: the client's details are written again, sealed again
        studio.approve(booked.bookingId(), "ok");
        Map<String, Object> issued = row(id);
        assertThat(issued.get("number")).isNotNull();
        assertSealed(id, phone);

        JsonNode invoice =
                api.get("/api/admin/invoices/" + id, studio.owner()).expect(200).json();
        assertThat(invoice.get("client_phone").asString()).isEqualTo(phone);
        assertThat(text(bytes("/api/admin/invoices/" + id + ".pdf", studio.owner(), 200)))
                .contains(phone);
        assertThat(text(bytes("/api/me/invoices/" + id + ".pdf", client, 200))).contains(phone);
    }

    @Test
    void anIssuedInvoiceWithItsPhoneInClearIsSealedAtStartUpAndOtherwiseStaysFrozen() {
        open(false);
        String phone = uniquePhone();
        String client = clientWithPhone(phone);
        BookedView booked = studio.book(booking(room, service, at(5, 10), at(5, 11)), client);
        UUID sealedOne = invoiceIdOf(booked.bookingId());
        String old = uniquePhone();
        // an issued fee invoice as written before the key was set: by this store, without a key
        UUID legacy = legacyInvoice(booked, studio.userId(client), old, 1_000);
        Map<String, Object> before = row(legacy);
        assertThat(before.get("client_phone")).isEqualTo(old);
        assertThat(before.get("client_phone_sealed")).isNull();
        assertThat(before.get("number")).isEqualTo("INV-1000");

        assertThat(sealing.sealLeftInClear()).isGreaterThanOrEqualTo(1);
        assertThat(sealing.sealLeftInClear()).as("idempotent").isZero();

        Map<String, Object> after = row(legacy);
        assertSealed(legacy, old);
        before.keySet().stream()
                .filter(column -> !column.startsWith("client_phone"))
                .forEach(column -> assertThat(after.get(column)).as(column).isEqualTo(before.get(column)));
        assertThat(api.get("/api/admin/invoices/" + legacy, studio.owner())
                        .expect(200)
                        .json()
                        .get("client_phone")
                        .asString())
                .isEqualTo(old);

        // everything else printed on an issued invoice stays frozen
        assertFrozen(legacy, "UPDATE invoice SET client_name = 'Someone else' WHERE id = :id", Map.of());
        // a different sealed value, back to clear, or no phone at all: refused too
        byte[] other = (byte[]) row(sealedOne).get("client_phone_sealed");
        assertFrozen(legacy, "UPDATE invoice SET client_phone_sealed = :other WHERE id = :id", Map.of("other", other));
        assertFrozen(
                legacy,
                "UPDATE invoice SET client_phone = :p, client_phone_sealed = NULL WHERE id = :id",
                Map.of("p", old));
        assertFrozen(legacy, "UPDATE invoice SET client_phone_sealed = NULL WHERE id = :id", Map.of());
        assertThat(row(legacy).get("client_phone_sealed")).isEqualTo(after.get("client_phone_sealed"));

        // the allowed move comes alone: clear to sealed together with another change is refused
        UUID another = legacyInvoice(booked, studio.userId(client), uniquePhone(), 1_001);
        assertFrozen(
                another,
                "UPDATE invoice SET client_phone = NULL, client_phone_sealed = :other, footer = 'new' WHERE id = :id",
                Map.of("other", other));
    }

    @Test
    void aSealedPhoneCopiedToAnotherInvoiceDoesNotOpenThere() throws Exception {
        open(true);
        String phone = uniquePhone();
        BookedView approved = studio.book(booking(room, service, at(5, 10), at(5, 11)), clientWithPhone(phone));
        studio.approve(approved.bookingId(), "ok");
        BookedView waiting = studio.book(booking(room, service, at(5, 12), at(5, 13)), clientWithPhone(uniquePhone()));
        UUID source = invoiceIdOf(approved.bookingId());
        UUID draft = invoiceIdOf(waiting.bookingId());
        byte[] copied = (byte[]) row(source).get("client_phone_sealed");

        // a draft is not frozen: the copy is written, and reads as no phone (no 500, no other number)
        asStudio(() -> jdbc.sql("UPDATE invoice SET client_phone_sealed = :v WHERE id = :id")
                .param("v", copied)
                .param("id", draft)
                .update());
        JsonNode invoice = api.get("/api/admin/invoices/" + draft, studio.owner())
                .expect(200)
                .json();
        assertThat(invoice.get("client_phone").isNull()).isTrue();
        assertThat(text(bytes("/api/admin/invoices/" + draft + ".pdf", studio.owner(), 200)))
                .doesNotContain(phone.substring(2));
        // the list answers too, the copy with no phone
        JsonNode listed = null;
        for (JsonNode item : api.get("/api/admin/invoices?limit=200", studio.owner())
                .expect(200)
                .json()
                .get("items")) {
            if (item.get("id").asString().equals(draft.toString())) {
                listed = item;
            }
        }
        assertThat(listed).isNotNull();
        assertThat(listed.get("client_phone").isNull()).isTrue();
        // a phone is kept once: in clear and sealed at once is refused, even on a draft
        assertThatThrownBy(
                        () -> asStudio(() -> jdbc.sql("UPDATE invoice SET client_phone = '+14165550199' WHERE id = :id")
                                .param("id", draft)
                                .update()))
                .hasMessageContaining("invoice_client_phone_kept_once");
        // its own invoice still shows it
        assertThat(api.get("/api/admin/invoices/" + source, studio.owner())
                        .expect(200)
                        .json()
                        .get("client_phone")
                        .asString())
                .isEqualTo(phone);

        // nor does it open in another studio
        String first = studio.id();
        open(true);
        BookedView there = studio.book(booking(room, service, at(6, 10), at(6, 11)), clientWithPhone(uniquePhone()));
        UUID foreign = invoiceIdOf(there.bookingId());
        asStudio(() -> jdbc.sql("UPDATE invoice SET client_phone_sealed = :v WHERE id = :id")
                .param("v", copied)
                .param("id", foreign)
                .update());
        assertThat(api.get("/api/admin/invoices/" + foreign, studio.owner())
                        .expect(200)
                        .json()
                        .get("client_phone")
                        .isNull())
                .isTrue();
        assertThat(studio.id()).isNotEqualTo(first);
    }

    @Test
    void twoPassesAtOnceSealEachPhoneOnce() {
        open(false);
        String client = clientWithPhone(uniquePhone());
        BookedView booked = studio.book(booking(room, service, at(5, 10), at(5, 11)), client);
        UUID clientId = UUID.fromString(studio.userId(client));
        Map<UUID, String> legacy = new java.util.HashMap<>();
        for (int i = 0; i < 40; i++) {
            String phone = uniquePhone();
            legacy.put(legacyInvoice(booked, clientId.toString(), phone, 2_000 + i), phone);
        }

        // two nodes starting at once, in small batches so that they really interleave
        List<Integer> sealed =
                Parallel.call(2, i -> Tenancy.callAs(UUID.fromString(studio.id()), () -> sealing.sealCurrentStudio(5)));

        assertThat(sealed.stream().mapToInt(Integer::intValue).sum())
                .as("each phone sealed once, by one of the two")
                .isEqualTo(40);
        legacy.forEach((id, phone) -> assertSealed(id, phone));
        assertThat(Tenancy.callAs(UUID.fromString(studio.id()), () -> sealing.sealCurrentStudio(5)))
                .isZero();
    }

    // --- helpers ---

    private UUID invoiceIdOf(String bookingId) {
        return asStudio(() -> jdbc.sql("SELECT id FROM invoice WHERE reference = :b AND purpose = 'booking'")
                .param("b", UUID.fromString(bookingId))
                .query(UUID.class)
                .single());
    }

    private Map<String, Object> row(UUID id) {
        return asStudio(() -> jdbc.sql("SELECT * FROM invoice WHERE id = :id")
                .param("id", id)
                .query()
                .singleRow());
    }

    /** The phone is kept only sealed, for this studio and document, and opens to {@code phone}. */
    private void assertSealed(UUID id, String phone) {
        Map<String, Object> row = row(id);
        assertThat(row.get("client_phone")).as("phone in clear").isNull();
        byte[] sealed = (byte[]) row.get("client_phone_sealed");
        assertThat(sealed).as("sealed phone").isNotNull();
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain(phone.substring(2));
        assertThat(secrets.open(sealed, "invoice.client_phone/" + studio.id() + "/" + id))
                .isEqualTo(phone);
        assertThatThrownBy(() -> secrets.open(sealed, "invoice.client_phone/" + studio.id() + "/" + UUID.randomUUID()))
                .isInstanceOf(IllegalStateException.class);
    }

    private void assertFrozen(UUID id, String sql, Map<String, Object> params) {
        assertThatThrownBy(() -> asStudio(() -> {
                    JdbcClient.StatementSpec statement = jdbc.sql(sql).param("id", id);
                    params.forEach(statement::param);
                    return statement.update();
                }))
                .as(sql)
                .hasMessageContaining("is issued");
    }

    /**
     * An issued fee invoice of {@code booked} with {@code phone}, written by {@link InvoiceStore} as
     * it runs without {@code ROOMTONE_ENCRYPTION_KEY}: what invoices written before the key hold.
     */
    private UUID legacyInvoice(BookedView booked, String clientId, String phone, long seq) {
        InvoiceStore keyless = new InvoiceStore(jdbc, json, new SealedSecrets(""));
        UUID id = UUID.randomUUID();
        Instant now = Instant.now();
        asStudio(() -> {
            keyless.insert(new InvoiceStore.NewInvoice(
                    id,
                    Invoice.Kind.INVOICE,
                    "fee",
                    Invoice.Status.ISSUED,
                    UUID.fromString(booked.bookingId()),
                    booked.code(),
                    null,
                    seq,
                    "INV-" + seq,
                    List.of(new Invoice.Line("Reschedule fee", 1, 1_000, 1_000)),
                    1_000,
                    130,
                    0,
                    "CAD",
                    new InvoiceStore.Party(UUID.fromString(clientId), "Legacy Lee", null, phone),
                    new InvoiceStore.Seller("Studio", null, null, null),
                    now,
                    now,
                    now,
                    null));
            return null;
        });
        return id;
    }

    private <T> T asStudio(Supplier<T> work) {
        return Tenancy.callAs(UUID.fromString(studio.id()), () -> transactions.execute(tx -> work.get()));
    }

    private static String uniquePhone() {
        long n = Math.floorMod(UUID.randomUUID().getMostSignificantBits(), 10_000_000L);
        return "+1416" + String.format("%07d", n);
    }

    private byte[] bytes(String path, String token, int expected) {
        try {
            HttpResponse<byte[]> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(api.uri(path))
                                    .header("Authorization", "Bearer " + token)
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).as(path).isEqualTo(expected);
            return response.body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(byte[] pdf) throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }
}
