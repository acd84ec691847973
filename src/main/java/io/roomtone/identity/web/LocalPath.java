package io.roomtone.identity.web;

import io.roomtone.shared.LocalPaths;

/**
 * Where to go after signing in: only a path of this site (see {@link LocalPaths}); anything else
 * leads to the front page instead.
 */
final class LocalPath {

    private LocalPath() {}

    static String orHome(String next) {
        return LocalPaths.orElse(next, "/");
    }
}
