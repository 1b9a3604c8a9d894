#!/usr/bin/env bash
# Benchmarks the built-in diarization engine on the synthetic-conversation harness: espeak-ng voices that differ
# in accent and timbre, pitch and speed, 1 to 5 speakers, 33 to 105 s, pauses, fast turn-taking, short replies,
# interruptions and, in a third of the clips each, sox background music or room noise. The held-out set (default)
# has voices the development set (the tuning set) never uses. Prints a Markdown table of DER (0.25 s collar), WER,
# speaker-count accuracy and real-time factor (engine CPU time / audio time, one core), and the count and DER with
# the true count given as `speakers`; also left in diarization-service/target/diarization-benchmark.md.
# Synthesised clips are cached in target/harness-clips.
#   scripts/bench-diarization.sh [--clips 24] [--set held-out|held-out-2|held-out-3|development|development-wide|development-extra|benchmark|old-development]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
tn_use_jdk

CLIPS=24
SET=held-out
while [ $# -gt 0 ]; do
    case "$1" in
        --clips) CLIPS=$2; shift 2 ;;
        --set) SET=$2; shift 2 ;;
        *) tn_die "unknown argument $1" ;;
    esac
done

tn_apt_install ffmpeg espeak-ng sox flite festival festvox-kdlpc16k
cd "${TN_ROOT}"
tn_log "running the diarization benchmark on ${CLIPS} ${SET} clips (several minutes)"
# The harness runs in a JVM of its own (the "harness" execution, diarization-service/pom.xml)
tn_mvnw -q -pl diarization-service test-compile surefire:test@harness -Dtest=DiarizationBenchmark \
    -Dsurefire.failIfNoSpecifiedTests=false \
    -Dharness.clips="${CLIPS}" -Dharness.set="${SET}" >"${TN_LOCAL}/bench-diarization.log" 2>&1 \
    || { tail -50 "${TN_LOCAL}/bench-diarization.log" >&2; tn_die "benchmark failed (log: ${TN_LOCAL}/bench-diarization.log)"; }
cat diarization-service/target/diarization-benchmark.md
