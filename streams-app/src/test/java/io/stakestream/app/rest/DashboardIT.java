package io.stakestream.app.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.stakestream.app.PoolLedgerApp;
import io.stakestream.protocol.crypto.Hex;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The dashboard in a real headless Chromium against a live stack: it ranks the pools, charts a
 * pool's history, lists the pending slash, counts rejections by reason and links each epoch's root
 * to its tree dump. Saves target/dashboard.png. Skips where no Chromium is installed.
 */
class DashboardIT {

    @Test
    void theDashboardShowsWhatTheNetworkDid() throws Exception {
        HeadlessChromium chromium = HeadlessChromium.find();
        assumeTrue(chromium != null, "no Chromium on this machine (apt-get install chromium, or set CHROMIUM=/path/to/chrome): "
                + "the dashboard's browser test is skipped");
        try (LiveLedger live = new LiveLedger()) {
            PoolLedgerApp app = live.startInstance();
            assertThat(app.awaitRunning(Duration.ofSeconds(90))).isTrue();
            live.runScenario();
            String url = app.restUrl() + "/dashboard/";

            String dom = chromium.dumpDom(url, 20_000);

            assertThat(dom).contains("data-loaded=\"true\"");
            // pools ranked by stake, with names from their metadata, tier, and why cirrus earns nothing
            assertThat(dom.indexOf("data-pool=\"atlas\"")).isPositive()
                    .isLessThan(dom.indexOf("data-pool=\"borealis\"")).isLessThan(dom.indexOf("data-pool=\"cirrus\""));
            assertThat(dom).contains("Atlas GPU (atlas)").contains("not earning: HALTED").contains(">earning<");
            assertThat(dom).contains(">8,").as("atlas's stake in whole tokens, not base units");
            // the selected pool's history as a chart: a share price line and reward bars
            assertThat(dom).contains("class=\"price-line\"").contains("class=\"reward-bar\"");
            // the pending slash with its window, rejections by reason, the root linked to its dump
            assertThat(dom).contains(">sla-1<").contains(">SLA_BREACH<");
            assertThat(dom).contains("data-reason=\"ZERO_AMOUNT\"").contains("data-reason=\"REPLAY\"").contains("data-reason=\"UNKNOWN_POOL\"");
            assertThat(dom).contains("0x" + Hex.encode(live.epoch0.root())).contains("href=\"/epochs/0/tree\"");

            Path png = Path.of("target", "dashboard.png");
            chromium.screenshot(url, png, 20_000);
            assertThat(Files.size(png)).as("a screenshot was written to " + png.toAbsolutePath()).isGreaterThan(10_000);
        }
    }
}
