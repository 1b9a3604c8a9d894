#!/usr/bin/env bash
# Fits the built-in diarization engine's speaker projection (linear discriminant directions over the mel cepstra,
# diarization-service/src/main/resources/speaker/projection.txt) on the development sets of the synthetic harness
# (development and development-wide), whose voices the held-out set never uses. Recognised words are cached in
# diarization-service/target/harness-words.
#   scripts/fit-speaker-projection.sh [--clips 24]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
tn_use_jdk

CLIPS=24
while [ $# -gt 0 ]; do
    case "$1" in
        --clips) CLIPS=$2; shift 2 ;;
        *) tn_die "unknown argument $1" ;;
    esac
done

tn_apt_install ffmpeg espeak-ng sox
cd "${TN_ROOT}"
OUT="${TN_ROOT}/diarization-service/src/main/resources/speaker/projection.txt"
tn_log "fitting the speaker projection on ${CLIPS} clips of each development set (development, development-wide)"
tn_mvnw -q -pl diarization-service test-compile surefire:test@harness -Dtest=SpeakerTuning \
    -Dsurefire.failIfNoSpecifiedTests=false -Dharness.clips="${CLIPS}" -Dharness.set=development,development-wide \
    -Dtuning.fit="${OUT}" -Dtuning.only=true >"${TN_LOCAL}/fit-speaker-projection.log" 2>&1 \
    || { tail -50 "${TN_LOCAL}/fit-speaker-projection.log" >&2; tn_die "fit failed (log: ${TN_LOCAL}/fit-speaker-projection.log)"; }
grep "projection ratios" "${TN_LOCAL}/fit-speaker-projection.log" || true
tn_log "wrote ${OUT}"
