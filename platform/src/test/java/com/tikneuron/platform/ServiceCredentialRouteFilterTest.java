package com.tikneuron.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ServiceCredentialRouteFilterTest {

    @Test
    void matrixParametersAreDroppedFromEverySegmentAsTheRestLayerDoes() {
        assertEquals("/internal/v1/holds", ServiceCredentialRouteFilter.canonical("/internal;/v1/holds"));
        assertEquals("/internal/v1/holds", ServiceCredentialRouteFilter.canonical("/internal;x=1/v1;y/holds"));
        assertEquals("/api/v1/tiktok/subtitle", ServiceCredentialRouteFilter.canonical("/api;/v1/tiktok/subtitle;a"));
        assertEquals("/internal/", ServiceCredentialRouteFilter.canonical("/internal;/"));
    }

    @Test
    void pathsWithoutMatrixParametersAreUnchanged() {
        assertEquals("/internal/v1/holds", ServiceCredentialRouteFilter.canonical("/internal/v1/holds"));
        assertEquals("/", ServiceCredentialRouteFilter.canonical("/"));
        assertEquals("/q/openapi", ServiceCredentialRouteFilter.canonical("/q/openapi"));
    }
}
