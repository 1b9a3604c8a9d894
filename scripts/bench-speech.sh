#!/usr/bin/env bash
# Benchmarks the built-in speech engine (Vosk English, after the audio conditioning) on 60 s of synthesised speech:
# the TikTok stand-in's script said by three espeak-ng voices. Prints a Markdown row of the real-time factor
# (recognition CPU time / audio time, one core; median of 3 runs after a warm-up) and the load average; also left in
# diarization-service/target/speech-benchmark.md.
#   scripts/bench-speech.sh [--runs 3]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
tn_use_jdk

RUNS=3
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) RUNS=$2; shift 2 ;;
        *) tn_die "unknown argument $1" ;;
    esac
done

tn_apt_install ffmpeg espeak-ng sox
cd "${TN_ROOT}"
tn_log "running the speech benchmark (${RUNS} runs on 60 s of speech)"
before="$(uptime)"
# The harness runs in a JVM of its own (the "harness" execution, diarization-service/pom.xml)
tn_mvnw -q -pl diarization-service test-compile surefire:test@harness -Dtest=SpeechBenchmark \
    -Dsurefire.failIfNoSpecifiedTests=false -Dspeech.runs="${RUNS}" >"${TN_LOCAL}/bench-speech.log" 2>&1 \
    || { tail -50 "${TN_LOCAL}/bench-speech.log" >&2; tn_die "benchmark failed (log: ${TN_LOCAL}/bench-speech.log)"; }
cat diarization-service/target/speech-benchmark.md
echo
echo "load before: ${before}"
echo "load after:  $(uptime)"
