package io.roomtone.notifications;

import static io.roomtone.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMailUtil;
import io.roomtone.support.Api;
import io.roomtone.support.MovableClock;
import io.roomtone.support.NewStaff;
import io.roomtone.support.Parallel;
import io.roomtone.support.RoomtoneTest;
import io.roomtone.support.StaffView;
import io.roomtone.support.TestSmtp;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The catalog's staff administration ({@code /api/admin/staff}) invites by the team's invitation mail,
 * through a real SMTP server (GreenMail): the link is only in the mail, a mail sent again ends the
 * earlier link, and a dozen parallel "send again" clicks send one mail (invitations are keyed on the
 * account and a window of {@link AccountMails#WINDOW} seconds, moved past here with the clock).
 */
@RoomtoneTest
class StaffInvitationMailTests {

    static final TestSmtp SMTP = new TestSmtp();

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        SMTP.register(registry);
    }

    /** The application clock, moved to the start of a later mail window. */
    @TestConfiguration
    static class Time {
        @Bean
        @Primary
        MovableClock movableClock() {
            return new MovableClock();
        }
    }

    @BeforeAll
    static void startSmtp() {
        SMTP.start();
    }

    @AfterAll
    static void stopSmtp() {
        SMTP.stop();
    }

    @Autowired
    Api api;

    @Autowired
    MovableClock clock;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void theStaffApiMailsTheInvitationAndItsAnswerNeverCarriesTheLink() {
        String email = NewStaff.email();
        Api.Response created = NewStaff.add(api, email, null).expect(201);

        MimeMessage mail = onlyMailTo(email);
        String token = token(mail);
        assertThat(created.json().has("invitation_token")).isFalse();
        assertThat(created.json().get("invitation_sent_at").isNull()).isFalse();
        assertThat(created.body()).doesNotContain(token);
        accept(token, "invited-pass-1").expect(200);
    }

    @Test
    void aMailSentAgainLaterEndsTheEarlierLink() {
        String email = NewStaff.email();
        StaffView invited = NewStaff.added(api, email, null);
        String first = token(onlyMailTo(email));

        nextWindow();
        api.post("/api/admin/staff/" + invited.id() + "/invitation", null, api.ownerToken())
                .expect(201);

        List<MimeMessage> mails = mailsTo(email, 2);
        String second = token(mails.get(1));
        assertThat(second).isNotEqualTo(first);
        accept(first, "invited-pass-1").expect(400);
        accept(second, "invited-pass-1").expect(200);
    }

    @Test
    void aDozenParallelSendAgainClicksSendOneMail() {
        String email = NewStaff.email();
        StaffView invited = NewStaff.added(api, email, null);
        onlyMailTo(email);

        nextWindow();
        List<Api.Response> answers = Parallel.send(
                12, i -> api.post("/api/admin/staff/" + invited.id() + "/invitation", null, api.ownerToken()));

        assertThat(Parallel.count(answers, 201)).as(answers.toString()).isEqualTo(12);
        // every request's event handled, then: the first mail and one more
        await().atMost(Duration.ofSeconds(30))
                .until(() -> jdbc.sql("SELECT count(*) FROM event_publication WHERE completion_date IS NULL")
                                .query(Long.class)
                                .single()
                        == 0);
        List<MimeMessage> mails = mailsTo(email, 2);
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> received(email).size() == 2);
        // the one link that works is the latest mail's
        accept(token(mails.get(0)), "invited-pass-1").expect(400);
        accept(token(mails.get(1)), "invited-pass-1").expect(200);
    }

    /** Moves the application clock to the start of the next invitation window but one. */
    private void nextWindow() {
        long window = AccountMails.WINDOW;
        long start = (clock.instant().getEpochSecond() / window + 2) * window;
        clock.moveTo(Instant.ofEpochSecond(start + 1));
    }

    private Api.Response accept(String token, String password) {
        return api.post("/api/auth/accept-invitation", json("token", token, "password", password), null);
    }

    private static MimeMessage onlyMailTo(String address) {
        return mailsTo(address, 1).get(0);
    }

    /** The invitation mails to {@code address}, oldest first, once there are {@code count} of them. */
    private static List<MimeMessage> mailsTo(String address, int count) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> received(address), found -> found.size() == count);
    }

    private static List<MimeMessage> received(String address) {
        return SMTP.received(address, "invited to the team");
    }

    /** The link secret the mail carries ({@code token=…}, quoted-printable soft breaks undone). */
    private static String token(MimeMessage mail) {
        String body = GreenMailUtil.getBody(mail).replace("=\r\n", "").replace("=\n", "");
        Matcher token = Pattern.compile("token=3D([A-Za-z0-9_-]+)|token=([A-Za-z0-9_-]+)")
                .matcher(body);
        assertThat(token.find()).as("a link with a token in %s", body).isTrue();
        return token.group(1) != null ? token.group(1) : token.group(2);
    }
}
