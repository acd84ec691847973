package io.roomtone.identity.web;

/**
 * Where to go after signing in: only a path of this site. Anything else ({@code https://evil.test},
 * {@code //evil.test}, {@code /\evil.test}, a scheme, control characters) would make the sign-in
 * page an open redirect, and leads to the front page instead.
 */
final class LocalPath {

    private LocalPath() {}

    static String orHome(String next) {
        if (next == null
                || next.isEmpty()
                || next.length() > 2000
                || next.charAt(0) != '/'
                || next.startsWith("//")
                || next.startsWith("/\\")
                || next.chars().anyMatch(c -> c < 0x20 || c == 0x7f || c == '\\')) {
            return "/";
        }
        return next;
    }
}
