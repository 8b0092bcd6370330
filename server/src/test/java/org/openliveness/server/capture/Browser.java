package org.openliveness.server.capture;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium ({@code /usr/bin/chromium}) driven by its ChromeDriver
 * ({@code /usr/bin/chromedriver}) through Selenium, with a fake camera playing a {@code .y4m} file.
 * The flags keep Chromium off the network (this machine reaches nothing but package registries)
 * and give every browser a fresh profile. Selenium is given both paths, so it never looks for
 * or downloads a browser or a driver.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    /** Whether the machine has the browser; CI's {@code .ci/run} installs it. */
    static boolean installed() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    /** A phone held upright, and a desktop window. */
    enum Window {
        PHONE(412, 880), DESKTOP(1280, 860);

        final int width;
        final int height;

        Window(int width, int height) {
            this.width = width;
            this.height = height;
        }
    }

    private final ChromeDriver driver;
    private final Path profile;

    /**
     * @param camera      the video the fake camera plays (looped)
     * @param grantCamera whether the camera prompt is answered "allow" (else every permission prompt is denied)
     */
    Browser(Path camera, boolean grantCamera, Window window) {
        try {
            profile = Files.createTempDirectory("openliveness-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--mute-audio", "--user-data-dir=" + profile,
                "--window-size=" + window.width + "," + window.height,
                "--use-fake-device-for-media-stream", "--use-file-for-fake-video-capture=" + camera.toAbsolutePath());
        options.addArguments(grantCamera ? "--use-fake-ui-for-media-stream" : "--deny-permission-prompts");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogOutput(java.io.OutputStream.nullOutputStream())
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
        beforeEveryPage("window.__violations = []; document.addEventListener('securitypolicyviolation', "
                + "(e) => window.__violations.push(e.effectiveDirective + ' blocked ' + (e.blockedURI || 'inline')));");
    }

    /** What the page's Content-Security-Policy blocked so far. */
    @SuppressWarnings("unchecked")
    List<String> policyViolations() {
        Object v = script("return window.__violations");
        if (v == null) {
            throw new IllegalStateException("the page has no policy violation listener");
        }
        return (List<String>) v;
    }

    void open(String url) {
        driver.get(url);
    }

    /** Runs {@code js} in every page this browser opens from now on, before the page's own scripts. */
    void beforeEveryPage(String js) {
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", js));
    }

    Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    void screenshot(Path file) {
        try {
            Files.createDirectories(file.getParent());
            File png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Files.move(png.toPath(), file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The capture component's state as the page shows it: data attributes of its root and the message. */
    @SuppressWarnings("unchecked")
    Map<String, String> component() {
        Object state = script("""
                const root = document.querySelector('.olc');
                if (!root) return null;
                const light = root.querySelector('.olc-light');
                return {state: root.dataset.state || '', outcome: root.dataset.outcome || '', reason: root.dataset.reason || '',
                        message: root.querySelector('.olc-message').textContent,
                        instruction: root.querySelector('.olc-instruction').textContent,
                        light: light.hidden ? '' : light.style.background};""");
        return state == null ? Map.of() : (Map<String, String>) state;
    }

    /**
     * Watches the component until its outcome is set, saving a screenshot to {@code dir} whenever
     * what it shows changes (state, message or screen colour): {@code 01-positioning.png}, …
     *
     * @return what the page showed, in order, one line per screenshot, and the last state
     */
    Watched watch(Path dir, Duration timeout) {
        clear(dir);
        List<String> shown = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = null;
        Map<String, String> now = Map.of();
        while (System.nanoTime() < deadline) {
            try {
                now = component();
            } catch (WebDriverException e) {
                now = Map.of();
            }
            String seen = now.getOrDefault("state", "") + "|" + now.getOrDefault("message", "") + "|" + now.getOrDefault("light", "");
            if (!now.isEmpty() && !seen.equals(last)) {
                last = seen;
                shown.add(now.get("state") + ": " + now.get("message")
                        + (now.get("instruction").isEmpty() ? "" : " [" + now.get("instruction") + "]")
                        + (now.get("light").isEmpty() ? "" : " {screen " + now.get("light") + "}"));
                screenshot(dir.resolve(String.format("%02d-%s.png", shown.size(), now.get("state"))));
            }
            if (!now.getOrDefault("outcome", "").isEmpty()) {
                return new Watched(shown, now, policyViolations());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return new Watched(shown, now, policyViolations());
    }

    /** What a watched run showed, the component's last state, and what the page's security policy blocked. */
    record Watched(List<String> shown, Map<String, String> last, List<String> policyViolations) {
        String outcome() {
            return last.getOrDefault("outcome", "");
        }

        String message() {
            return last.getOrDefault("message", "");
        }

        @Override
        public String toString() {
            return String.join("\n", shown);
        }
    }

    private static void clear(Path dir) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".png")).toList()) {
                Files.delete(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temporary profile left behind is harmless
            }
        }
    }
}
