package com.tikneuron.subtitle.service;

import com.tikneuron.paid.PaidWork;

import io.smallrye.mutiny.Uni;

/**
 * Paid work whose results another service keeps for every caller (the speech service its transcripts,
 * diarization-service its on-screen readings): nothing is stored here, and a result that service answers from its
 * cache, made by another request meanwhile, is told as {@link MadeMeanwhile} (the hold voided, the answer free).
 */
abstract class KeptElsewhereWork<V> extends PaidWork<V> {

    KeptElsewhereWork(String videoId, String key, int price) {
        super(SubtitleService.CAPABILITY, videoId, key, price);
    }

    @Override
    public final Uni<Void> store(V value) {
        return Uni.createFrom().voidItem();
    }

    @Override
    public final RuntimeException failure(Throwable failure) {
        return failure instanceof MadeMeanwhile meanwhile ? meanwhile : super.failure(failure);
    }
}
