package io.roomtone.booking.web;

import java.util.List;
import java.util.UUID;

/**
 * The colour of each service on the board, and the text colour that reads on it. A service without
 * a colour of its own gets one of a fixed palette by its id (stable across pages and days); the
 * palette's backgrounds are classes of the board's CSS block ({@code .svc-N}), since the
 * Content-Security-Policy refuses inline styles. A service with its own colour is painted with it by
 * {@code board.js}, which sets the block's {@code --block-bg} through the CSSOM (allowed by the CSP,
 * unlike a {@code style} attribute) from its {@code data-colour}; without the script the block keeps
 * the palette class nearest to that colour among those whose ink is the same, so the ink chosen for
 * the studio's colour reads on both. The text is black or white, whichever contrasts more, computed
 * here from the colour (WCAG 2 relative luminance): for any background one of the two reaches at
 * least 4.58:1, so every block's text passes AA.
 */
final class ServiceColours {

    /** Keep in step with {@code .svc-0} … {@code .svc-7} in roomtone.css. */
    static final List<String> PALETTE =
            List.of("#2f5fd0", "#1d7a46", "#c2570c", "#b42335", "#7048c8", "#0e7490", "#be185d", "#5f7d1a");

    private ServiceColours() {}

    /** The classes of a block of service {@code serviceId}: its background and its ink. */
    static String classesOf(UUID serviceId) {
        int index = Math.floorMod(serviceId.hashCode(), PALETTE.size());
        return "svc-" + index + (whiteReads(PALETTE.get(index)) ? " ink-light" : " ink-dark");
    }

    /**
     * The classes of a block of service {@code serviceId} whose own colour is {@code chosen} ({@code
     * #rrggbb}, or null for none): its ink is computed from {@code chosen}, and its palette class,
     * what shows without {@code board.js}, is the nearest one with that same ink.
     */
    static String classesOf(UUID serviceId, String chosen) {
        if (chosen == null || !HEX.matcher(chosen).matches()) {
            return classesOf(serviceId);
        }
        boolean white = whiteReads(chosen);
        int nearest = -1;
        double best = Double.MAX_VALUE;
        for (int i = 0; i < PALETTE.size(); i++) {
            double distance = distance(chosen, PALETTE.get(i));
            if (whiteReads(PALETTE.get(i)) == white && distance < best) {
                nearest = i;
                best = distance;
            }
        }
        // the palette has entries of both inks (a test holds it to that)
        return "svc-" + nearest + " svc-own" + (white ? " ink-light" : " ink-dark");
    }

    /** {@code chosen} when it is a colour the board can paint (the script sets it), else null. */
    static String ownColour(String chosen) {
        return chosen != null && HEX.matcher(chosen).matches() ? chosen.toLowerCase(java.util.Locale.ROOT) : null;
    }

    private static final java.util.regex.Pattern HEX = java.util.regex.Pattern.compile("^#[0-9a-fA-F]{6}$");

    private static double distance(String a, String b) {
        int x = Integer.parseInt(a.substring(1), 16);
        int y = Integer.parseInt(b.substring(1), 16);
        double red = (x >> 16 & 0xff) - (y >> 16 & 0xff);
        double green = (x >> 8 & 0xff) - (y >> 8 & 0xff);
        double blue = (x & 0xff) - (y & 0xff);
        return red * red + green * green + blue * blue;
    }

    /** Whether white text contrasts more with {@code hex} than black does. */
    static boolean whiteReads(String hex) {
        double l = luminance(hex);
        return contrast(1.0, l) >= contrast(l, 0.0);
    }

    /** The contrast ratio of the ink {@link #classesOf} picks on {@code hex}. */
    static double bestContrast(String hex) {
        double l = luminance(hex);
        return Math.max(contrast(1.0, l), contrast(l, 0.0));
    }

    static double luminance(String hex) {
        int rgb = Integer.parseInt(hex.substring(1), 16);
        return 0.2126 * channel(rgb >> 16 & 0xff) + 0.7152 * channel(rgb >> 8 & 0xff) + 0.0722 * channel(rgb & 0xff);
    }

    private static double channel(int value) {
        double c = value / 255.0;
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    private static double contrast(double lighter, double darker) {
        return (lighter + 0.05) / (darker + 0.05);
    }
}
