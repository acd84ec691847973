package io.roomtone.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.Page;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;

/** What every page of the web app must pass, wherever a test shows it. */
public final class PageChecks {

    /** WCAG 2.2 A and AA, as axe-core names its rule sets. */
    private static final List<String> WCAG = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");

    private PageChecks() {}

    /**
     * The page as it is now: photographed whole into {@code target/screenshots/<name>-<width>.png},
     * nothing scrolls sideways at the viewport's width, and axe-core finds no serious or critical
     * violation. The context must have been opened with the CSP bypassed, to let axe's script in.
     */
    public static void accessible(Page page, String name) {
        int width = page.viewportSize().width;
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(Paths.get("target/screenshots/" + name + "-" + width + ".png"))
                .setFullPage(true));
        Number scrollWidth = (Number) page.evaluate("document.documentElement.scrollWidth");
        assertThat(scrollWidth.intValue())
                .as("%s scrolls sideways at %d px", page.url(), width)
                .isLessThanOrEqualTo(width);
        // legacy mode: one axe.run in the page itself; the default (runPartial, then finishRun in a
        // browser context of its own, injecting axe three times) took 2-3 s a page, a sixth of the build
        List<Rule> serious = new AxeBuilder(page)
                .setLegacyMode(true).withTags(WCAG).analyze().getViolations().stream()
                        .filter(rule -> "serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact()))
                        .toList();
        assertThat(serious)
                .as(
                        "%s at %d px: %s",
                        page.url(),
                        width,
                        serious.stream()
                                .map(rule -> rule.getId() + " "
                                        + rule.getNodes().stream()
                                                .map(node -> node.getHtml())
                                                .limit(3)
                                                .collect(Collectors.joining(" | ")))
                                .collect(Collectors.joining("; ")))
                .isEmpty();
    }

    /** {@link #accessible} after opening {@code path}. */
    public static void accessible(Page page, String path, String name) {
        page.navigate(path);
        accessible(page, name);
    }
}
