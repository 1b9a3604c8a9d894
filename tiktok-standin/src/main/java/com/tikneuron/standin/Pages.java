package com.tikneuron.standin;

/** Renders TikTok-shaped HTML pages around a fixture's item JSON, in the current and the older layout. */
final class Pages {

    private static final String HEAD = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            + "<title>TikTok - Make Your Day</title>"
            + "<link rel=\"preconnect\" href=\"https://sf16-website-login.neutral.ttwstatic.com\"></head>"
            + "<body><div id=\"app\"></div>";
    private static final String TAIL = "<script src=\"https://sf16-website-login.neutral.ttwstatic.com/obj/tiktok_web_login_static/"
            + "webapp/main/webapp-desktop/index.js\" async></script></body></html>";

    private Pages() {
    }

    static String render(Fixtures.Video video) {
        if ("sigi".equals(video.layout())) {
            return HEAD + "<script id=\"SIGI_STATE\" type=\"application/json\">" + sigiState(video) + "</script>" + TAIL;
        }
        return HEAD + "<script id=\"__UNIVERSAL_DATA_FOR_REHYDRATION__\" type=\"application/json\">"
                + universal(video) + "</script>" + TAIL;
    }

    /** What TikTok serves for pages that are not a video: the rehydration script without a video scope. */
    static String empty() {
        return HEAD + "<script id=\"__UNIVERSAL_DATA_FOR_REHYDRATION__\" type=\"application/json\">"
                + "{\"__DEFAULT_SCOPE__\":{\"webapp.app-context\":{\"language\":\"en\",\"region\":\"US\"}}}</script>" + TAIL;
    }

    private static String universal(Fixtures.Video video) {
        StringBuilder detail = new StringBuilder("{");
        if (video.itemJson() != null) {
            detail.append("\"itemInfo\":{\"itemStruct\":").append(video.itemJson()).append("},");
            detail.append("\"shareMeta\":{\"title\":\"TikTok\",\"desc\":\"\"},");
        }
        detail.append("\"statusCode\":").append(video.status())
                .append(",\"statusMsg\":\"").append(escape(video.statusMsg())).append("\"}");
        return scriptSafe("{\"__DEFAULT_SCOPE__\":{"
                + "\"webapp.app-context\":{\"language\":\"en\",\"region\":\"US\",\"appId\":1233,\"wid\":\"7354000000000000000\","
                + "\"user\":{},\"abTestVersion\":{\"versionName\":\"70508271,72437276\"}},"
                + "\"webapp.biz-context\":{\"isSearchEngineBot\":false},"
                + "\"webapp.video-detail\":" + detail + "}}");
    }

    private static String sigiState(Fixtures.Video video) {
        String items = video.itemJson() == null ? "{}" : "{\"" + video.id() + "\":" + video.itemJson() + "}";
        return scriptSafe("{\"AppContext\":{\"appContext\":{\"language\":\"en\",\"region\":\"US\"}},"
                + "\"ItemModule\":" + items + ","
                + "\"VideoPage\":{\"statusCode\":" + video.status() + ",\"statusMsg\":\"" + escape(video.statusMsg()) + "\"}}");
    }

    // TikTok escapes slashes in its inline JSON so that "</script>" can never appear inside it.
    private static String scriptSafe(String json) {
        return json.replace("/", "\\u002F");
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
