package com.tikneuron.jobs.client;

/** A capability service's answer to one run of a job: status, body and the credits it charged. */
public record CapabilityReply(int status, String body, int creditsCharged) {
}
