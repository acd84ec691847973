package io.roomtone.notifications;

import static io.roomtone.support.Api.json;
import static io.roomtone.support.BookingRequest.booking;
import static io.roomtone.support.TestStudio.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMailUtil;
import io.roomtone.support.Api;
import io.roomtone.support.BookedView;
import io.roomtone.support.Publications;
import io.roomtone.support.RoomtoneTest;
import io.roomtone.support.SessionView;
import io.roomtone.support.StripeEvents;
import io.roomtone.support.StripeSimulator;
import io.roomtone.support.TestSmtp;
import io.roomtone.support.TestStudio;
import jakarta.mail.BodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The client's payment mails through a real SMTP server (GreenMail) and a simulated Stripe: a
 * receipt carries the receipt's PDF and the invoice's, and a card declined as the client pays the
 * deposit at booking brings one "payment failed" mail (none when the payment goes through).
 */
@RoomtoneTest
class PaymentMailTests {

    static final String WEBHOOK_SECRET = "whsec_test_payment_mails";
    static final TestSmtp SMTP = new TestSmtp();
    static final StripeSimulator stripe = StripeSimulator.launch();

    @DynamicPropertySource
    static void smtpAndStripe(DynamicPropertyRegistry registry) {
        SMTP.register(registry);
        registry.add("roomtone.stripe.secret-key", () -> "sk_test_roomtone");
        registry.add("roomtone.stripe.publishable-key", () -> "pk_test_roomtone");
        registry.add("roomtone.stripe.webhook-secret", () -> WEBHOOK_SECRET);
        registry.add("roomtone.stripe.api-base", stripe::baseUrl);
    }

    @BeforeAll
    static void startSmtp() {
        SMTP.start();
    }

    @AfterAll
    static void stop() {
        SMTP.stop();
        stripe.stop();
    }

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    TestStudio studio;
    String room;
    String service;
    String client;
    String clientEmail;

    /** A studio that takes card deposits, with or without approval, and a client of it. */
    private void open(boolean approval) {
        studio = new TestStudio(api);
        if (approval) {
            studio.openWithApproval();
        } else {
            studio.openWithoutApproval();
        }
        room = studio.room("vocal");
        service = studio.service().inRoomsTagged("vocal").create();
        client = studio.client();
        clientEmail = api.get("/api/auth/session", client)
                .expect(200)
                .as(SessionView.class)
                .user()
                .email();
    }

    @Test
    void aReceiptCarriesTheInvoicePdfBesideTheReceipts() throws Exception {
        open(false);
        BookedView booked = studio.book(booking(room, service, at(3, 17), at(3, 18)), client);
        String number = api.get("/api/bookings/" + booked.bookingId() + "/invoice", studio.owner())
                .expect(200)
                .json()
                .get("number")
                .asString();
        api.post(
                        "/api/admin/bookings/" + booked.bookingId() + "/payments",
                        json("amount_cents", 5_000, "method", "cash", "note", "at the desk"),
                        studio.owner())
                .expect(201);

        MimeMessage receipt = SMTP.mailTo(clientEmail, "receipt for booking " + booked.code());
        List<BodyPart> pdfs = pdfs(receipt);
        assertThat(pdfs)
                .extracting(BodyPart::getFileName)
                .containsExactlyInAnyOrder("receipt-" + booked.code() + ".pdf", number + ".pdf");
        BodyPart invoice = pdfs.stream()
                .filter(p -> fileName(p).equals(number + ".pdf"))
                .findFirst()
                .orElseThrow();
        try (PDDocument document = Loader.loadPDF(invoice.getInputStream().readAllBytes())) {
            assertThat(new PDFTextStripper().getText(document)).contains(number);
        }
        assertThat(GreenMailUtil.getBody(receipt)).contains(number).contains("receipt and your invoice");
    }

    @Test
    void aCardDeclinedForTheDepositAtBookingBringsOnePaymentFailedMail() {
        open(true);
        BookedView booked = studio.book(booking(room, service, at(4, 10), at(4, 11)), client);
        String intent = stripe.intentOfReference(booked.bookingId()).orElseThrow();

        stripe.decline(intent);
        // Stripe tells, and tells again (a webhook is delivered at least once)
        webhook(intent, "payment_intent.payment_failed").expect(200);
        webhook(intent, "payment_intent.payment_failed").expect(200);

        MimeMessage failed = SMTP.mailTo(clientEmail, "payment failed for booking " + booked.code());
        String text = GreenMailUtil.getBody(failed).replace("=\r\n", "").replace("=\n", "");
        assertThat(text)
                .contains("Your card was declined.")
                .contains("/book/sent/" + booked.bookingId())
                .contains("America/Toronto");
        settled();
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> SMTP.received(clientEmail, "payment failed").size() == 1);

        // paid with another card: nothing more about a failure
        stripe.confirm(intent);
        webhook(intent, "payment_intent.amount_capturable_updated").expect(200);
        settled();
        assertThat(SMTP.received(clientEmail, "payment failed")).hasSize(1);
    }

    @Test
    void aDepositPaidAtBookingBringsNoPaymentFailedMail() {
        open(true);
        BookedView booked = studio.book(booking(room, service, at(5, 10), at(5, 11)), client);
        String intent = stripe.intentOfReference(booked.bookingId()).orElseThrow();

        stripe.confirm(intent);
        webhook(intent, "payment_intent.amount_capturable_updated").expect(200);

        SMTP.mailTo(clientEmail, "we received your request");
        settled();
        assertThat(SMTP.received(clientEmail, "payment failed")).isEmpty();
    }

    private Api.Response webhook(String intent, String type) {
        return StripeEvents.deliver(
                api, "/api/webhooks/stripe", StripeEvents.aboutIntent(type, intent, studio.id()), WEBHOOK_SECRET);
    }

    /** Waits until every event published so far was handled (and so every mail it means written). */
    private void settled() {
        await().atMost(Duration.ofSeconds(30)).until(() -> Publications.incomplete(jdbc, studio.id()) == 0);
        await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> true);
    }

    private static List<BodyPart> pdfs(MimeMessage mail) throws Exception {
        MimeMultipart parts = (MimeMultipart) mail.getContent();
        List<BodyPart> found = new ArrayList<>();
        for (int i = 0; i < parts.getCount(); i++) {
            BodyPart part = parts.getBodyPart(i);
            if (part.getContentType().startsWith("application/pdf")) {
                found.add(part);
            }
        }
        return found;
    }

    private static String fileName(BodyPart part) {
        try {
            return part.getFileName();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
