package io.roomtone.booking.web;

import java.util.List;
import java.util.UUID;

/**
 * The colour of each service on the board, and the text colour that reads on it. Services have no
 * colour of their own yet, so each gets one of a fixed palette by its id (stable across pages and
 * days); the palette's backgrounds are classes of the board's CSS block ({@code .svc-N}), since the
 * Content-Security-Policy refuses inline styles. The text is black or white, whichever contrasts
 * more, computed here from the colour (WCAG 2 relative luminance): for any background one of the
 * two reaches at least 4.58:1, so every block's text passes AA.
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
