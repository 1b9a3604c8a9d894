package com.tikneuron.diarization.harness;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Gates the build on the small harness set: the quality thresholds of the benchmark, on a few short clips. Speed is
 * printed, not gated: on a machine shared with other builds the CPU time of a decode varies with the load, so the
 * real-time-factor target (≤ 0.3) is judged by scripts/bench-diarization.sh and recorded in docs/BENCHMARKS.md.
 */
class BuiltInEngineQualityTest {

    @BeforeAll
    static void toolsAreInstalled() {
        Tools.require("espeak-ng", "sox");
    }

    @Test
    void builtInEngineMeetsTheQualityTargetsOnTheSmallHarnessSet() {
        Evaluation.Summary summary = Evaluation.run(HarnessEngines.builtIn(), ClipSpec.small(), HarnessEngines.cache());
        System.out.println(summary.markdown());
        System.out.printf(Locale.ROOT, "real-time factor %.3f (CPU), %.3f (wall); target 0.3 on an idle core%n",
                summary.realTimeFactor(), summary.wallRealTimeFactor());
        assertTrue(summary.der() <= 0.10, "DER " + summary.der() + "\n" + summary.markdown());
        assertTrue(summary.speakerCountAccuracy() >= 0.90, "speaker counts\n" + summary.markdown());
        assertTrue(summary.wer() <= 0.20, "WER " + summary.wer() + "\n" + summary.markdown());
    }
}
