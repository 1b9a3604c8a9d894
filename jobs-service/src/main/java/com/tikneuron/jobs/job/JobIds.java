package com.tikneuron.jobs.job;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Ids of jobs, batches and webhook events, and the call id each run of a job is made under. */
public final class JobIds {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();
    private static final Pattern JOB = Pattern.compile("job_[0-9a-f]{32}");
    private static final Pattern BATCH = Pattern.compile("batch_[0-9a-f]{32}");

    private JobIds() {
    }

    public static String newJobId() {
        return "job_" + random();
    }

    public static String newBatchId() {
        return "batch_" + random();
    }

    public static boolean isJobId(String value) {
        return value != null && JOB.matcher(value).matches();
    }

    public static boolean isBatchId(String value) {
        return value != null && BATCH.matcher(value).matches();
    }

    /**
     * The call id of one run of a job, in the shape of the gateway's call ids (platform's CallIds). It is derived
     * from the job id and the run's number, so a redelivered message that runs the same attempt again names the same
     * call, and billing's refund of an abandoned run reaches exactly that run's holds. It is a digest, not the job id
     * itself, so knowing a job id does not tell anyone the call id.
     */
    public static String callId(String jobId, int attempt) {
        return "call_" + digest("call:" + jobId + ":" + attempt).substring(0, 32);
    }

    /** The event id of a job's or a batch's webhook event: one per subject and event type, so never sent twice. */
    public static String eventId(String subjectId, String eventType) {
        return "evt_" + digest("event:" + subjectId + ":" + eventType).substring(0, 32);
    }

    private static String random() {
        byte[] bits = new byte[16];
        RANDOM.nextBytes(bits);
        return HEX.formatHex(bits);
    }

    private static String digest(String value) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
