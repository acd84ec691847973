package io.roomtone.availability.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.roomtone.availability.Slot;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** When a search answer is reused, and when it must be computed again. */
class SearchAnswersTests {

    static final UUID STUDIO = UUID.randomUUID();
    static final StudioVersions.Versions VERSIONS = new StudioVersions.Versions(3, 7);
    static final SearchAnswers.Question QUESTION =
            new SearchAnswers.Question(LocalDate.parse("2026-12-01"), 1, 60, null, null, null, false);
    static final Instant T = Instant.parse("2026-11-22T10:15:00Z");

    final SearchAnswers answers = new SearchAnswers(1_000);
    final AtomicInteger computed = new AtomicInteger();

    /** An answer with one slot whose start tells which computation made it. */
    SearchAnswers.Answer compute(Instant validUntil) {
        int n = computed.incrementAndGet();
        Slot slot =
                new Slot(T.plusSeconds(3600L * n), T.plusSeconds(3600L * n + 3600), UUID.randomUUID(), List.of(), 0);
        return new SearchAnswers.Answer(List.of(slot), validUntil);
    }

    List<Slot> ask(StudioVersions.Versions versions, SearchAnswers.Question question, Instant now, Instant validUntil) {
        return answers.answer(STUDIO, versions, question, now, () -> compute(validUntil));
    }

    @Test
    void anAnswerIsReusedUntilItsEnd() {
        Instant end = T.plusSeconds(20);
        List<Slot> first = ask(VERSIONS, QUESTION, T.plusSeconds(1), end);
        List<Slot> again = ask(VERSIONS, QUESTION, end.minusNanos(1), end);

        assertThat(again).isSameAs(first);
        assertThat(computed).hasValue(1);

        List<Slot> fresh = ask(VERSIONS, QUESTION, end, Instant.MAX);
        assertThat(fresh).isNotEqualTo(first);
        assertThat(computed).hasValue(2);
    }

    @Test
    void anAnswerIsNotReusedBeforeTheInstantItWasComputedFor() {
        // a clock set back (tests do it; NTP may) must not see an answer of its future
        ask(VERSIONS, QUESTION, T.plusSeconds(10), Instant.MAX);
        ask(VERSIONS, QUESTION, T.plusSeconds(5), Instant.MAX);

        assertThat(computed).hasValue(2);
    }

    @Test
    void anyChangeOfTheStudioIsANewQuestion() {
        ask(VERSIONS, QUESTION, T.plusSeconds(1), Instant.MAX);
        ask(new StudioVersions.Versions(4, 7), QUESTION, T.plusSeconds(2), Instant.MAX);
        ask(new StudioVersions.Versions(4, 8), QUESTION, T.plusSeconds(3), Instant.MAX);
        answers.answer(UUID.randomUUID(), VERSIONS, QUESTION, T.plusSeconds(4), () -> compute(Instant.MAX));

        assertThat(computed).hasValue(4);
    }

    @Test
    void everyPartOfTheQuestionCounts() {
        List<SearchAnswers.Question> questions = List.of(
                QUESTION,
                new SearchAnswers.Question(LocalDate.parse("2026-12-02"), 1, 60, null, null, null, false),
                new SearchAnswers.Question(LocalDate.parse("2026-12-01"), 2, 60, null, null, null, false),
                new SearchAnswers.Question(LocalDate.parse("2026-12-01"), 1, 90, null, null, null, false),
                new SearchAnswers.Question(LocalDate.parse("2026-12-01"), 1, 60, UUID.randomUUID(), null, null, false),
                new SearchAnswers.Question(LocalDate.parse("2026-12-01"), 1, 60, null, UUID.randomUUID(), null, false),
                new SearchAnswers.Question(LocalDate.parse("2026-12-01"), 1, 60, null, null, "mixing", true));
        for (SearchAnswers.Question question : questions) {
            ask(VERSIONS, question, T.plusSeconds(1), Instant.MAX);
        }

        assertThat(computed).hasValue(questions.size());
    }

    @Test
    void noSlotsToCacheMeansNoCaching() {
        SearchAnswers small = new SearchAnswers(0);
        small.answer(STUDIO, VERSIONS, QUESTION, T.plusSeconds(1), () -> compute(Instant.MAX));
        small.answer(STUDIO, VERSIONS, QUESTION, T.plusSeconds(2), () -> compute(Instant.MAX));

        assertThat(computed).hasValue(2);
    }
}
