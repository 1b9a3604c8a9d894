-- wrk script: the same subtitle request again and again (a cached hit after the first).
-- Arguments after "--": the API key and, optionally, a rate per wrk thread in requests/s. With a rate, the
-- thread's requests are sent on an even schedule (one every 1/rate s, whichever connection is free takes the next
-- slot), so the load arrives steadily instead of in bursts; without one, as fast as answers come.
local ffi = require("ffi")
ffi.cdef [[
    typedef struct { long tv_sec; long tv_nsec; } tn_timespec;
    int clock_gettime(int clock, tn_timespec *out);
]]
local clock = ffi.new("tn_timespec")
local CLOCK_MONOTONIC = 1

local function now_ms()
    ffi.C.clock_gettime(CLOCK_MONOTONIC, clock)
    return tonumber(clock.tv_sec) * 1000 + tonumber(clock.tv_nsec) / 1e6
end

local interval = nil
local next_slot = nil

function init(args)
    wrk.method = "POST"
    wrk.headers["Content-Type"] = "application/json"
    wrk.headers["API-KEY"] = args[1]
    wrk.body = '{"url":"https://www.tiktok.com/@username/video/7354861484037524768","format":"srt"}'
    local rate = tonumber(args[2] or "0")
    if rate > 0 then
        interval = 1000 / rate
    end
end

function delay()
    if interval == nil then
        return 0
    end
    local now = now_ms()
    if next_slot == nil then
        next_slot = now
    end
    local slot = next_slot
    next_slot = next_slot + interval
    if slot <= now then
        return 0
    end
    return math.floor(slot - now)
end

function done(summary, latency, requests)
    io.write(string.format("non_2xx_or_errors=%d\n", summary.errors.status + summary.errors.connect
        + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
