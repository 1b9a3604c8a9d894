package com.tikneuron.subtitle.service;

import com.tikneuron.paid.PaidWork;

import io.smallrye.mutiny.Uni;

/**
 * Paid work whose results another service keeps for every caller (the speech service its transcripts,
 * diarization-service its on-screen readings): nothing is stored here, and a result that service answers from its
 * cache, made by another request meanwhile, is told as a {@link com.tikneuron.paid.MadeMeanwhileException} (the
 * protocol voids the hold and answers free, as cached).
 */
abstract class KeptElsewhereWork<V> extends PaidWork<V> {

    KeptElsewhereWork(String videoId, String key, int price) {
        super(SubtitleService.CAPABILITY, videoId, key, price);
    }

    @Override
    public final Uni<Void> store(V value) {
        return Uni.createFrom().voidItem();
    }
}
