package com.tikneuron.diarization.harness;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Gates the build on the small harness set: the same thresholds as the benchmark, on a few short clips. */
class BuiltInEngineQualityTest {

    @BeforeAll
    static void toolsAreInstalled() {
        Tools.require("espeak-ng", "sox");
    }

    @Test
    void builtInEngineMeetsTheQualityTargetsOnTheSmallHarnessSet() {
        Evaluation.Summary summary = Evaluation.run(HarnessEngines.builtIn(), ClipSpec.small(), HarnessEngines.cache());
        System.out.println(summary.markdown());
        assertTrue(summary.der() <= 0.10, "DER " + summary.der() + "\n" + summary.markdown());
        assertTrue(summary.speakerCountAccuracy() >= 0.90, "speaker counts\n" + summary.markdown());
        assertTrue(summary.wer() <= 0.20, "WER " + summary.wer() + "\n" + summary.markdown());
        assertTrue(summary.realTimeFactor() <= 0.30, "real-time factor " + summary.realTimeFactor() + "\n" + summary.markdown());
    }
}
