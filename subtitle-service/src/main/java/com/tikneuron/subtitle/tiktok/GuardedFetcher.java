package com.tikneuron.subtitle.tiktok;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;

/**
 * The only way this service reaches the network for TikTok. Before a byte leaves it checks the URL against the
 * allow-list, resolves the host itself and refuses any non-public address, then connects to the vetted address
 * while keeping the real host for the Host header, SNI and certificate check. Redirects are never followed here;
 * bodies are capped while they stream in and every request has a deadline. With a stand-in origin configured,
 * allowed URLs go to that one origin instead, with the original host in {@code X-Forwarded-Host}.
 */
public final class GuardedFetcher {

    /** Fixed settings of the fetcher. */
    public record Settings(Optional<URI> origin, String userAgent, String acceptLanguage, Duration connectTimeout) {
    }

    private final Vertx vertx;
    private final Settings settings;
    private final HostResolver resolver;
    private final HttpClient client;

    public GuardedFetcher(Vertx vertx, Settings settings, HostResolver resolver) {
        this.vertx = vertx;
        this.settings = settings;
        this.resolver = resolver;
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) settings.connectTimeout().toMillis())
                .setDecompressionSupported(true)
                .setForceSni(true)
                .setVerifyHost(true)
                .setMaxPoolSize(50)
                .setKeepAlive(true));
    }

    /** Fetches one URL, or fails with {@link BlockedAddressException}, {@link ResponseTooLargeException} or a transport error. */
    public Uni<FetchedResponse> fetch(FetchRequest request) {
        return options(request).onItem().transformToUni(options -> Uni.createFrom()
                .completionStage(() -> exchange(options, request).toCompletionStage()));
    }

    /**
     * Opens one URL and hands its body over as it arrives, still capped and under the request's deadline; the body
     * must be consumed or discarded.
     */
    public Uni<StreamedResponse> stream(FetchRequest request) {
        return options(request).onItem().transformToUni(options -> Uni.createFrom()
                .completionStage(() -> open(options, request).toCompletionStage()));
    }

    private Uni<RequestOptions> options(FetchRequest request) {
        return Uni.createFrom().item(() -> allowedUri(request)).onItem().transformToUni(uri -> {
            if (settings.origin().isPresent()) {
                return Uni.createFrom().item(options(request, uri, settings.origin().get(), null));
            }
            return Uni.createFrom()
                    .completionStage(() -> vertx.<InetAddress>executeBlocking(() -> vettedAddress(uri.getHost()), false)
                            .toCompletionStage())
                    .map(address -> options(request, uri, null, address));
        });
    }

    /** The parsed URL if it may be fetched for this kind of request; refuses everything else before any lookup. */
    private static URI allowedUri(FetchRequest request) {
        URI uri;
        try {
            if (request.url() == null || request.url().length() > TikTokUrls.MAX_LENGTH) {
                throw new BlockedAddressException("URL missing or too long");
            }
            uri = new URI(request.url());
        } catch (URISyntaxException e) {
            throw new BlockedAddressException("URL does not parse");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost();
        if (!(scheme.equals("https") || scheme.equals("http")) || uri.getRawUserInfo() != null || host == null
                || (uri.getRawAuthority() != null && uri.getRawAuthority().contains("@"))) {
            throw new BlockedAddressException("URL is not a plain http(s) URL");
        }
        if (uri.getPort() != -1 && uri.getPort() != 80 && uri.getPort() != 443) {
            throw new BlockedAddressException("URL names a non-standard port");
        }
        boolean allowed = request.kind() == FetchRequest.Kind.PAGE ? TikTokHosts.isPageHost(host) : TikTokHosts.isCdnHost(host);
        if (!allowed) {
            throw new BlockedAddressException("host is not on the TikTok allow-list");
        }
        return uri;
    }

    private InetAddress vettedAddress(String host) {
        List<InetAddress> addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw new TikTokUnavailableException("TikTok host does not resolve", e);
        }
        if (addresses == null || addresses.isEmpty()) {
            throw new TikTokUnavailableException("TikTok host does not resolve");
        }
        // One bad answer taints the whole set: a resolver mixing public and private answers is an attack, not a CDN.
        for (InetAddress address : addresses) {
            if (!AddressGuard.isPublic(address)) {
                throw new BlockedAddressException("host resolves to a non-public address");
            }
        }
        return addresses.get(0);
    }

    private RequestOptions options(FetchRequest request, URI uri, URI origin, InetAddress address) {
        boolean toOrigin = origin != null;
        boolean ssl = toOrigin ? "https".equalsIgnoreCase(origin.getScheme()) : "https".equalsIgnoreCase(uri.getScheme());
        String host = toOrigin ? origin.getHost() : uri.getHost();
        int port = toOrigin ? (origin.getPort() != -1 ? origin.getPort() : ssl ? 443 : 80) : (uri.getPort() != -1 ? uri.getPort() : ssl ? 443 : 80);
        String pathAndQuery = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.valueOf(request.method()))
                .setHost(host)
                .setPort(port)
                .setSsl(ssl)
                .setURI(pathAndQuery)
                .setFollowRedirects(false)
                .setConnectTimeout(settings.connectTimeout().toMillis());
        if (!toOrigin) {
            String ip = address.getHostAddress();
            if (address instanceof Inet6Address && ip.contains("%")) {
                ip = ip.substring(0, ip.indexOf('%'));
            }
            options.setServer(SocketAddress.inetSocketAddress(port, ip));
        }
        options.putHeader("User-Agent", settings.userAgent());
        options.putHeader("Accept-Language", settings.acceptLanguage());
        options.putHeader("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        request.headers().forEach(options::putHeader);
        String cookies = request.jar() == null ? null : request.jar().header();
        if (cookies != null) {
            options.putHeader("Cookie", cookies);
        }
        if (toOrigin) {
            options.putHeader("X-Forwarded-Host", uri.getHost());
        }
        return options;
    }

    private io.vertx.core.Future<FetchedResponse> exchange(RequestOptions options, FetchRequest request) {
        Promise<FetchedResponse> promise = Promise.promise();
        AtomicReference<HttpClientRequest> inFlight = new AtomicReference<>();
        long timer = vertx.setTimer(request.timeout().toMillis(), ignored -> {
            if (promise.tryFail(new TimeoutException("TikTok did not answer in time")) && inFlight.get() != null) {
                inFlight.get().reset();
            }
        });
        promise.future().onComplete(ignored -> vertx.cancelTimer(timer));
        client.request(options).onFailure(promise::tryFail).onSuccess(req -> {
            inFlight.set(req);
            req.response().onFailure(promise::tryFail).onSuccess(response -> {
                long max = request.maxBytes();
                response.exceptionHandler(promise::tryFail);
                String declared = response.getHeader("Content-Length");
                if (declared != null && declared.matches("\\d{1,18}") && Long.parseLong(declared) > max) {
                    promise.tryFail(new ResponseTooLargeException(max));
                    req.reset();
                    return;
                }
                Buffer body = Buffer.buffer();
                response.handler(chunk -> {
                    if (body.length() + (long) chunk.length() > max) {
                        if (promise.tryFail(new ResponseTooLargeException(max))) {
                            req.reset();
                        }
                    } else {
                        body.appendBuffer(chunk);
                    }
                });
                response.endHandler(ignored -> {
                    Map<String, List<String>> headers = new LinkedHashMap<>();
                    response.headers().forEach(h -> headers.computeIfAbsent(h.getKey(), k -> new ArrayList<>()).add(h.getValue()));
                    if (request.jar() != null) {
                        request.jar().store(response.headers().getAll("Set-Cookie"));
                    }
                    promise.tryComplete(new FetchedResponse(response.statusCode(), headers, body.getBytes()));
                });
            });
            req.end();
        });
        return promise.future();
    }

    private io.vertx.core.Future<StreamedResponse> open(RequestOptions options, FetchRequest request) {
        Promise<StreamedResponse> promise = Promise.promise();
        AtomicReference<HttpClientRequest> inFlight = new AtomicReference<>();
        AtomicReference<MultiEmitter<? super Buffer>> streaming = new AtomicReference<>();
        // The deadline covers the whole transfer, body included.
        long timer = vertx.setTimer(request.timeout().toMillis(), ignored -> {
            TimeoutException late = new TimeoutException("TikTok did not answer in time");
            promise.tryFail(late);
            if (streaming.get() != null) {
                streaming.get().fail(late);
            }
            if (inFlight.get() != null) {
                inFlight.get().reset();
            }
        });
        promise.future().onFailure(ignored -> vertx.cancelTimer(timer));
        client.request(options).onFailure(promise::tryFail).onSuccess(req -> {
            inFlight.set(req);
            req.response().onFailure(promise::tryFail).onSuccess(response -> {
                response.pause();
                response.exceptionHandler(promise::tryFail);
                long max = request.maxBytes();
                String declared = response.getHeader("Content-Length");
                Long length = declared != null && declared.matches("\\d{1,18}") ? Long.parseLong(declared) : null;
                if (length != null && length > max) {
                    promise.tryFail(new ResponseTooLargeException(max));
                    req.reset();
                    return;
                }
                if (request.jar() != null) {
                    request.jar().store(response.headers().getAll("Set-Cookie"));
                }
                Map<String, List<String>> headers = new LinkedHashMap<>();
                response.headers().forEach(h -> headers.computeIfAbsent(h.getKey(), k -> new ArrayList<>()).add(h.getValue()));
                AtomicBoolean ended = new AtomicBoolean();
                Multi<Buffer> body = Multi.createFrom().emitter(emitter -> {
                    streaming.set(emitter);
                    AtomicLong received = new AtomicLong();
                    response.exceptionHandler(emitter::fail);
                    response.handler(chunk -> {
                        if (received.addAndGet(chunk.length()) > max) {
                            emitter.fail(new ResponseTooLargeException(max));
                            req.reset();
                        } else {
                            emitter.emit(chunk);
                        }
                    });
                    response.endHandler(ignored -> {
                        ended.set(true);
                        vertx.cancelTimer(timer);
                        emitter.complete();
                    });
                    emitter.onTermination(() -> {
                        if (!ended.get()) {
                            vertx.cancelTimer(timer);
                            req.reset();
                        }
                    });
                    response.resume();
                }, BackPressureStrategy.BUFFER);
                promise.tryComplete(new StreamedResponse(response.statusCode(), headers, length, body, () -> {
                    vertx.cancelTimer(timer);
                    req.reset();
                }));
            });
            req.end();
        });
        return promise.future();
    }

    /** Closes the underlying connection pool. */
    public void close() {
        client.close();
    }
}
