package io.roomtone.shared;

import java.text.Normalizer;
import java.util.Locale;

/**
 * What people may type into names and addresses. Text that renders differently from what it is
 * (zero-width characters, bidi overrides that reverse the rest of a line, control characters) lets
 * one account pass for another in lists and e-mails, so such text is refused rather than cleaned.
 */
public final class Texts {

    private Texts() {}

    /**
     * Control characters (C0, C1), line and paragraph separators, and the bidi embeddings,
     * overrides and isolates (U+202A-U+202E, U+2066-U+2069).
     */
    public static boolean hasControlOrBidi(String text) {
        return text != null && text.codePoints().anyMatch(Texts::controlOrBidi);
    }

    /**
     * {@link #hasControlOrBidi} and every other character that shows as nothing: format characters
     * such as the zero-width space and joiners, the soft hyphen, the byte order mark, and the
     * blank letters (Hangul fillers, the braille blank).
     */
    public static boolean hasInvisible(String text) {
        return text != null && text.codePoints().anyMatch(cp -> controlOrBidi(cp) || invisible(cp));
    }

    /** An e-mail address as accounts store it: trimmed, Unicode NFKC, lower case. */
    public static String normalizeEmail(String email) {
        return Normalizer.normalize(email.strip(), Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }

    private static boolean controlOrBidi(int cp) {
        int type = Character.getType(cp);
        return type == Character.CONTROL
                || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR
                || (cp >= 0x202A && cp <= 0x202E)
                || (cp >= 0x2066 && cp <= 0x2069);
    }

    private static boolean invisible(int cp) {
        return Character.getType(cp) == Character.FORMAT
                || cp == 0x034F // combining grapheme joiner
                || cp == 0x115F
                || cp == 0x1160
                || cp == 0x3164
                || cp == 0xFFA0 // Hangul fillers
                || cp == 0x2800 // braille pattern blank
                || cp == 0x180E;
    }
}
