-- wrk script: the same subtitle request again and again (a cached hit after the first).
-- Arguments after "--": API key, and optionally a pause in milliseconds before each request of a connection.
function init(args)
    wrk.method = "POST"
    wrk.headers["Content-Type"] = "application/json"
    wrk.headers["API-KEY"] = args[1]
    wrk.body = '{"url":"https://www.tiktok.com/@username/video/7354861484037524768","format":"srt"}'
    pause = tonumber(args[2] or "0")
end

function delay()
    return pause
end

function done(summary, latency, requests)
    io.write(string.format("non_2xx_or_errors=%d\n", summary.errors.status + summary.errors.connect
        + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
