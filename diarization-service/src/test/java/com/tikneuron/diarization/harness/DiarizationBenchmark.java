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
 * {@code -Dharness.set=development} runs the tuning set instead of the benchmark set.
 */
class DiarizationBenchmark {

    @Test
    void measuresTheBuiltInEngineOnTheHarnessSet() throws IOException {
        Tools.require("espeak-ng", "sox");
        int clips = Integer.getInteger("harness.clips", 24);
        List<ClipSpec> specs = "development".equals(System.getProperty("harness.set"))
                ? ClipSpec.development(clips) : ClipSpec.full(clips);
        Evaluation.Summary summary = Evaluation.run(HarnessEngines.builtIn(), specs, HarnessEngines.cache());
        String table = summary.markdown();
        Files.writeString(Path.of("target", "diarization-benchmark.md"), table);
        System.out.println(table);
        assertFalse(summary.clips().isEmpty(), "no clip was evaluated");
    }
}
