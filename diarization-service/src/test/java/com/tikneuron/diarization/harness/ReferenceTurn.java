package com.tikneuron.diarization.harness;

/** What the synthesiser really put into a clip: speaker index, exact speech extent in seconds, the words. */
record ReferenceTurn(int speaker, double start, double end, String text) {
}
