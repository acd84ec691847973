package io.roomtone.support;

import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Settings for the whole test JVM, applied once before the first test (registered in {@code
 * META-INF/services}). Work after a commit (listeners, mail, calendar sync) runs on a few threads
 * that a busy two-core CI machine may keep waiting: Awaitility's own ten seconds were a coin toss
 * there, so a wait without its own bound gets thirty.
 */
public final class TestDefaults implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        Awaitility.setDefaultTimeout(Duration.ofSeconds(30));
    }
}
