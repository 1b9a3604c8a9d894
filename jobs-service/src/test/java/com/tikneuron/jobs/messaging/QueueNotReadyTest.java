package com.tikneuron.jobs.messaging;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.smallrye.reactive.messaging.MutinyEmitter;

class QueueNotReadyTest {

    /** An emitter as SmallRye's reports itself: cancelled until its channel is wired, and again once closed. */
    private static final class Emitter implements MutinyEmitter<String> {

        private volatile boolean wired;

        @Override
        public boolean isCancelled() {
            return !wired;
        }

        @Override
        public boolean hasRequests() {
            return wired;
        }

        @Override
        public Uni<Void> send(String payload) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void sendAndAwait(String payload) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Cancellable sendAndForget(String payload) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <M extends Message<? extends String>> void send(M message) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <M extends Message<? extends String>> Uni<Void> sendMessage(M message) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <M extends Message<? extends String>> void sendMessageAndAwait(M message) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <M extends Message<? extends String>> Cancellable sendMessageAndForget(M message) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void complete() {
            wired = false;
        }

        @Override
        public void error(Exception failure) {
            wired = false;
        }
    }

    @Test
    void scheduledRunsAreSkippedUntilTheJobsChannelIsWiredAndAfterItCloses() {
        Emitter emitter = new Emitter();
        JobQueueProducer queue = new JobQueueProducer(emitter);
        QueueNotReady notReady = new QueueNotReady(queue);

        assertTrue(notReady.test(null), "skipped while the channel is not wired");
        emitter.wired = true;
        assertFalse(notReady.test(null), "runs once it is");
        emitter.complete();
        assertTrue(notReady.test(null), "skipped again once it closed");
    }
}
