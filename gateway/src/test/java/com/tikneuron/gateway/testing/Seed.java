package com.tikneuron.gateway.testing;

/** Requests and bodies copied from the published contract page (seed 000), only the base URL changed. */
public final class Seed {

    public static final String VIDEO_URL = "https://www.tiktok.com/@username/video/7354861484037524768";

    /** The curl examples' bodies, byte for byte as on the page (-d '…'). */
    public static final String CURL_SUMMARIZE = """
            {
            "url": "https://www.tiktok.com/@username/video/7354861484037524768",
            "summary_type": "bulletpoint",
            "language": "en"
            }""";
    public static final String CURL_SUBTITLE = """
            {
            "url": "https://www.tiktok.com/@username/video/7354861484037524768",
            "format": "srt"
            }""";
    public static final String CURL_DIARIZATION = CURL_SUBTITLE;

    /** What JSON.stringify makes of the fetch examples' objects. */
    public static final String FETCH_SUMMARIZE = "{\"url\":\"" + VIDEO_URL
            + "\",\"summary_type\":\"bulletpoint\",\"language\":\"en\"}";
    public static final String FETCH_SUBTITLE = "{\"url\":\"" + VIDEO_URL + "\",\"format\":\"srt\"}";

    /** What json.dumps makes of the Python examples' dicts. */
    public static final String PYTHON_SUMMARIZE = "{\"url\": \"" + VIDEO_URL
            + "\", \"summary_type\": \"bulletpoint\", \"language\": \"en\"}";
    public static final String PYTHON_SUBTITLE = "{\"url\": \"" + VIDEO_URL + "\", \"format\": \"srt\"}";

    /** The documented responses. */
    public static final String SUBTITLE_RESPONSE = """
            {
            "video_id": "7354861484037524768",
            "subtitle_content": "1\\n00:00:00,000 --> 00:00:03,000\\nHello everyone, welcome to my video",
            "format": "srt",
            "cached": false,
            "available_formats": ["raw", "srt", "vtt", "txt"]
            }""";
    public static final String DIARIZATION_RESPONSE = """
            {
            "video_id": "7354861484037524768",
            "transcription_content": "1\\n00:00:00,000 --> 00:00:03,500\\nSpeaker A: Hey everyone, welcome back to my channel\\n\\n2\\n00:00:03,500 --> 00:00:07,000\\nSpeaker B: Thanks for having me on your show today",
            "format": "srt",
            "cached": false,
            "available_formats": ["raw", "srt", "vtt", "txt"]
            }""";
    public static final String SUMMARY_RESPONSE = """
            {
            "video_id": "7354861484037524768",
            "summary": "- Key point 1\\n- Key point 2\\n- Key point 3",
            "summary_type": "bulletpoint",
            "language": "en",
            "cached": false
            }""";

    private Seed() {
    }
}
