package io.roomtone.shared;

/**
 * Where a page may send the browser next: only a path of this site. Anything else
 * ({@code https://evil.test}, {@code //evil.test}, {@code /\evil.test}, a scheme, control
 * characters) would turn the page into an open redirect. Shared because several modules' pages take
 * a {@code next} or {@code back} parameter (sign-in, the studio desk's actions).
 */
public final class LocalPaths {

    private LocalPaths() {}

    /** {@code path} when it is a local path, else {@code fallback}. */
    public static String orElse(String path, String fallback) {
        return isLocal(path) ? path : fallback;
    }

    public static boolean isLocal(String path) {
        return path != null
                && !path.isEmpty()
                && path.length() <= 2000
                && path.charAt(0) == '/'
                && !path.startsWith("//")
                && !path.startsWith("/\\")
                && path.chars().noneMatch(c -> c < 0x20 || c == 0x7f || c == '\\');
    }
}
