package io.stakestream.app.rest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Chromium, headless, as a test drives it: the DOM after the page's scripts ran
 * ({@code --dump-dom}, with virtual time so its fetches finish) and a screenshot. Flags as this
 * machine needs them: no sandbox (root), and no background networking (the network is closed).
 */
final class HeadlessChromium {

    private final Path binary;

    private HeadlessChromium(Path binary) {
        this.binary = binary;
    }

    /** The browser named by CHROMIUM, else the first of chromium, chromium-browser, google-chrome on PATH; null if none. */
    static HeadlessChromium find() {
        List<String> names = new ArrayList<>();
        String configured = System.getenv("CHROMIUM");
        if (configured != null && !configured.isBlank()) {
            names.add(configured);
        }
        names.addAll(List.of("chromium", "chromium-browser", "google-chrome"));
        String path = System.getenv().getOrDefault("PATH", "");
        for (String name : names) {
            Path direct = Path.of(name);
            if (direct.isAbsolute() && Files.isExecutable(direct)) {
                return new HeadlessChromium(direct);
            }
            for (String dir : path.split(java.io.File.pathSeparator)) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return new HeadlessChromium(candidate);
                }
            }
        }
        return null;
    }

    String dumpDom(String url, int virtualTimeMillis) throws IOException, InterruptedException {
        return run(List.of("--virtual-time-budget=" + virtualTimeMillis, "--dump-dom", url), true);
    }

    void screenshot(String url, Path png, int virtualTimeMillis) throws IOException, InterruptedException {
        Files.createDirectories(png.getParent());
        run(List.of("--virtual-time-budget=" + virtualTimeMillis, "--window-size=1280,2000", "--hide-scrollbars",
                "--screenshot=" + png.toAbsolutePath(), url), false);
    }

    private String run(List<String> args, boolean stdout) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("chromium-profile");
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + profile));
        command.addAll(args);
        Path out = Files.createTempFile("chromium", ".out");
        Path err = Files.createTempFile("chromium", ".err");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("chromium did not finish within 90 s: " + command);
        }
        if (p.exitValue() != 0) {
            throw new IOException("chromium exited " + p.exitValue() + ": " + Files.readString(err, StandardCharsets.UTF_8));
        }
        return stdout ? Files.readString(out, StandardCharsets.UTF_8) : "";
    }
}
