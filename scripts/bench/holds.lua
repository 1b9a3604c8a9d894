-- wrk script: every request creates a new 1-credit hold with a unique id.
-- Arguments after "--": comma-separated account ids (requests go round-robin over them), hold id prefix, and
-- optionally a pause in milliseconds each connection takes before each request (to pace the offered rate).
local threads = 0

function setup(thread)
    thread:set("thread_number", threads)
    threads = threads + 1
end

function init(args)
    accounts = {}
    for id in string.gmatch(args[1], "[^,]+") do
        accounts[#accounts + 1] = id
    end
    prefix = args[2]
    pause = tonumber(args[3] or "0")
    counter = 0
    credential = os.getenv("TIKNEURON_SERVICE_CREDENTIAL") or ""
end

function delay()
    return pause
end

function request()
    counter = counter + 1
    local body = string.format(
        '{"hold_id":"%s-%d-%d","account_id":"%s","amount":1,"capability":"subtitle","video_id":"7354861484037524768"}',
        prefix, thread_number, counter, accounts[(counter + thread_number) % #accounts + 1])
    return wrk.format("POST", "/internal/v1/holds",
        { ["Content-Type"] = "application/json", ["X-Service-Credential"] = credential }, body)
end

function response(status, headers, body)
    if status ~= 201 then
        failures = (failures or 0) + 1
    end
end

function done(summary, latency, requests)
    io.write(string.format("non_2xx_or_errors=%d\n", summary.errors.status + summary.errors.connect
        + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
