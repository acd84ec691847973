package io.roomtone.availability.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** A failing property reports what it takes to reproduce it: the seed, and the smallest studio that still fails. */
class SlotEnginePropertiesReportTests {

    private static final long SEED = 1_000_000;

    /** Fails for every studio with a room, which every generated studio has. */
    private static final Consumer<SearchInput> NO_ROOMS =
            input -> assertThat(input.rooms()).as("rooms").isEmpty();

    @Test
    void aFailureNamesItsSeedAndHowToRerunIt() {
        assertThatThrownBy(() -> SlotEnginePropertiesTests.run(SEED, NO_ROOMS))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith(
                        "Seed " + SEED + " (rerun alone with -D" + SlotEnginePropertiesTests.SEED + "=" + SEED + ")")
                .hasMessageContaining(StudioGenerator.describe(StudioGenerator.studio(SEED)));
    }

    @Test
    void aFailureShowsTheSmallestStudioThatStillFailsAndHow() {
        assertThatThrownBy(() -> SlotEnginePropertiesTests.run(SEED, NO_ROOMS)).satisfies(failure -> {
            String smallest =
                    failure.getMessage().substring(failure.getMessage().indexOf("The smallest studio"));
            assertThat(smallest.lines().filter(line -> line.startsWith("  room ")))
                    .hasSize(1);
            assertThat(smallest.lines().filter(line -> line.startsWith("  staff ")))
                    .isEmpty();
            assertThat(smallest).contains("1 day from").contains("It fails with: [rooms]");
        });
    }

    @Test
    void shrinkingKeepsOnlyStudiosThatFailTheSameWay() {
        // every studio fails, but only those with two rooms or more fail with an assertion
        Consumer<SearchInput> property = input -> {
            if (input.rooms().size() < 2) {
                throw new IllegalStateException("another failure");
            }
            throw new AssertionError("the failure");
        };
        SearchInput twoRooms = twoRoomStudio();

        SearchInput smallest =
                Shrinker.shrink(twoRooms, Shrinker.failingLike(property, new AssertionError("the failure")));

        assertThat(smallest.rooms()).hasSize(2);
    }

    private static SearchInput twoRoomStudio() {
        for (long seed = SEED; seed < SEED + 100; seed++) {
            SearchInput input = StudioGenerator.studio(seed);
            if (input.rooms().size() >= 2) {
                return input;
            }
        }
        throw new IllegalStateException("no generated studio with two rooms in 100 seeds");
    }
}
