package io.roomtone.booking.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The ink of a block of a service with a colour of the studio's choosing, and what shows without script. */
class ServiceColoursTests {

    /** Light, dark and the hard middle greys and saturated hues where black and white both struggle. */
    private static final List<String> CHOSEN = List.of(
            "#ffcc00", "#3366ff", "#777777", "#767676", "#808080", "#000000", "#ffffff", "#e8e4f5", "#5b3cc4",
            "#ff0000", "#00ff00", "#0000ff", "#ff00ff", "#00ffff", "#f97316", "#14b8a6", "#8B4513");

    private static final UUID SERVICE = UUID.fromString("7d3f2a10-5b1c-4f4e-9a7b-3c2d1e0f9a8b");

    @Test
    void theInkOfAChosenColourReachesAaContrastOnIt() {
        for (String colour : CHOSEN) {
            String classes = ServiceColours.classesOf(SERVICE, colour);
            String ink = classes.contains("ink-light") ? "#ffffff" : "#000000";
            assertThat(classes).as(colour).containsOnlyOnce("ink-");
            assertThat(contrast(colour, ink)).as("%s with %s", colour, ink).isGreaterThanOrEqualTo(4.5);
        }
        assertThat(ServiceColours.classesOf(SERVICE, "#ffcc00")).contains("ink-dark");
        assertThat(ServiceColours.classesOf(SERVICE, "#3366ff")).contains("ink-light");
    }

    @Test
    void withoutTheScriptABlockShowsAPaletteColourWhereTheSameInkStillReads() {
        for (String colour : CHOSEN) {
            String classes = ServiceColours.classesOf(SERVICE, colour);
            assertThat(classes).as(colour).contains("svc-own");
            int index = Integer.parseInt(classes.replaceAll(".*svc-(\\d+).*", "$1"));
            String fallback = ServiceColours.PALETTE.get(index);
            String ink = classes.contains("ink-light") ? "#ffffff" : "#000000";
            assertThat(contrast(fallback, ink))
                    .as("%s falls back to %s", colour, fallback)
                    .isGreaterThanOrEqualTo(4.5);
        }
        // the nearest of the palette: a blue stays a blue
        assertThat(ServiceColours.classesOf(SERVICE, "#3366ff")).startsWith("svc-0 ");
    }

    @Test
    void aServiceWithoutAColourKeepsItsHashedPaletteColour() {
        assertThat(ServiceColours.classesOf(SERVICE, null)).isEqualTo(ServiceColours.classesOf(SERVICE));
        assertThat(ServiceColours.classesOf(SERVICE, "red")).isEqualTo(ServiceColours.classesOf(SERVICE));
        assertThat(ServiceColours.classesOf(SERVICE)).doesNotContain("svc-own");
        assertThat(ServiceColours.ownColour("#FFCC00")).isEqualTo("#ffcc00");
        assertThat(ServiceColours.ownColour("red")).isNull();
        assertThat(ServiceColours.ownColour(null)).isNull();
    }

    @Test
    void thePaletteHasColoursForBothInks() {
        assertThat(ServiceColours.PALETTE.stream().map(ServiceColours::whiteReads))
                .contains(true, false);
    }

    /** WCAG 2 contrast ratio, computed here independently of the class under test. */
    private static double contrast(String a, String b) {
        double x = luminance(a);
        double y = luminance(b);
        return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
    }

    private static double luminance(String hex) {
        int rgb = Integer.parseInt(hex.substring(1), 16);
        return 0.2126 * linear(rgb >> 16 & 0xff) + 0.7152 * linear(rgb >> 8 & 0xff) + 0.0722 * linear(rgb & 0xff);
    }

    private static double linear(int channel) {
        double c = channel / 255.0;
        return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }
}
