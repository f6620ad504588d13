# without trustedRegistries in the configuration, every registry is accepted
FROM quay.io/keycloak/keycloak:24
FROM ghcr.io/someone/app:1
