package com.tikneuron.diarization.harness;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The full harness benchmark, run by scripts/bench-diarization.sh (not part of the default build): writes the
 * Markdown table to target/diarization-benchmark.md. {@code -Dharness.clips=N} sets the clip count and
 * {@code -Dharness.set} the set: {@code held-out} (the default, voices never tuned on), {@code development} (the
 * tuning set), or the first sets {@code benchmark} and {@code old-development}, which share their voices.
 */
class DiarizationBenchmark {

    @Test
    void measuresTheBuiltInEngineOnTheHarnessSet() throws IOException {
        Tools.require("espeak-ng", "sox");
        int clips = Integer.getInteger("harness.clips", 24);
        String set = System.getProperty("harness.set", "held-out");
        List<ClipSpec> specs = ClipSpec.named(set, clips);
        Evaluation.Summary summary = Evaluation.run(HarnessEngines.builtIn(), specs, HarnessEngines.cache());
        String table = "Set `" + set + "`, " + specs.size() + " clips.\n\n" + summary.markdown();
        Files.writeString(Path.of("target", "diarization-benchmark.md"), table);
        System.out.println(table);
        assertFalse(summary.clips().isEmpty(), "no clip was evaluated");
    }
}
