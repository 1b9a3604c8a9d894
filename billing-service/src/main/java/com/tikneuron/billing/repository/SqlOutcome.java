package com.tikneuron.billing.repository;

/** An outcome a billing SQL function answers as a word; each enum of them names its words once, in its constants. */
interface SqlOutcome {

    /** The word the function answers. */
    String sql();

    /** Reads a function's answer; an outcome this version does not know is a failure, never a guess. */
    static <E extends Enum<E> & SqlOutcome> E read(Class<E> outcomes, String word) {
        for (E outcome : outcomes.getEnumConstants()) {
            if (outcome.sql().equals(word)) {
                return outcome;
            }
        }
        throw new IllegalStateException("billing SQL answered an unknown " + outcomes.getSimpleName() + ": " + word);
    }
}
