package io.roomtone.support;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

/**
 * One real Chromium for the whole test JVM (Debian's {@code chromium} package, never a downloaded
 * one), and a fresh context (cookies, storage, headers) per test. Launching a browser costs about a
 * second; a context costs milliseconds.
 */
public final class Browser {

    /** Where Debian installs its browser; {@code .ci/run} installs the package when it is missing. */
    public static final Path CHROMIUM = Paths.get("/usr/bin/chromium");

    private static final List<String> ARGS = List.of(
            "--no-sandbox",
            "--disable-dev-shm-usage",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update");

    private static Playwright playwright;
    private static com.microsoft.playwright.Browser chromium;

    private Browser() {}

    private static synchronized com.microsoft.playwright.Browser chromium() {
        if (chromium == null) {
            if (!Files.isExecutable(CHROMIUM)) {
                throw new IllegalStateException(
                        CHROMIUM + " is missing: install Debian's chromium (apt-get install -y chromium)");
            }
            playwright = Playwright.create(
                    new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
            chromium = playwright
                    .chromium()
                    .launch(new BrowserType.LaunchOptions()
                            .setExecutablePath(CHROMIUM)
                            .setHeadless(true)
                            .setArgs(ARGS));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                chromium.close();
                playwright.close();
            }));
        }
        return chromium;
    }

    /** A new context for the pages of {@code studio} (chosen by {@code X-Studio}), desktop sized. */
    public static BrowserContext open(Api api, TestStudio studio) {
        return open(api, studio, 1280, false);
    }

    /**
     * A new context {@code width} pixels wide; {@code bypassCsp} only for tests that inject a script
     * of their own (axe-core), never to make a page work.
     */
    public static BrowserContext open(Api api, TestStudio studio, int width, boolean bypassCsp) {
        return open(api, studio, width, bypassCsp, null);
    }

    /** As above, with the browser's time zone set to {@code zone} (null: the machine's). */
    public static synchronized BrowserContext open(
            Api api, TestStudio studio, int width, boolean bypassCsp, String zone) {
        return chromium()
                .newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                        .setBaseURL(api.uri("").toString())
                        .setExtraHTTPHeaders(Map.of("X-Studio", studio.slug()))
                        .setViewportSize(width, 800)
                        .setBypassCSP(bypassCsp)
                        .setTimezoneId(zone));
    }

    /** A new desktop-sized context with JavaScript switched off: every form must still work. */
    public static synchronized BrowserContext openWithoutJavaScript(Api api, TestStudio studio) {
        return chromium()
                .newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                        .setBaseURL(api.uri("").toString())
                        .setExtraHTTPHeaders(Map.of("X-Studio", studio.slug()))
                        .setViewportSize(1280, 800)
                        .setJavaScriptEnabled(false));
    }
}
